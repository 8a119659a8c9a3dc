/** Well-formed enough for CI: every tag closed in order, no bare `&` or `<` in text. */
export function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  for (const [, close, name, selfClosing] of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([\w:-]+)(?:\s+[\w:-]+="[^"<]*")*\s*(\/?)>/g)) {
    if (close) {
      if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
    } else if (!selfClosing) stack.push(name!);
  }
  if (stack.length > 0) throw new Error(`unclosed ${stack.join(', ')}`);
  const text = xml.replace(/<[^>]*>/g, '');
  if (/&(?!amp;|lt;|gt;|quot;|apos;)/.test(text) || /</.test(text)) throw new Error('unescaped text');
}
