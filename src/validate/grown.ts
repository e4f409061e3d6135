/** A typed array that holds at least `n` elements: `array` itself when it does, else a copy at least twice as long (amortised growth). */
export function grown<T extends Int32Array | Uint32Array | Float64Array | Uint8Array>(array: T, n: number): T {
  if (n <= array.length) return array;
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(n, array.length * 2));
  bigger.set(array);
  return bigger;
}
