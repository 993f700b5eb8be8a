/**
 * How many values `value` holds (itself and everything nested), counted no further than `limit`: the count
 * when below it, else `limit`. Walked without recursion; a wide container's items settle the answer once
 * there are enough of them, without each being visited.
 *
 * @example
 * countValues({ a: [1, 2, { b: 3 }] }, 100); // 6
 */
export function countValues(value: unknown, limit: number): number {
  const pending: unknown[] = [value];
  let count = 0;
  while (pending.length > 0) {
    const node = pending.pop();
    if (++count >= limit) return limit;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) for (let i = 0; i < node.length; i++) pending.push(node[i]);
    else for (const key in node) if (Object.hasOwn(node, key)) pending.push((node as Record<string, unknown>)[key]);
    if (count + pending.length >= limit) return limit;
  }
  return count;
}
