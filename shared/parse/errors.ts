/** A file could not be parsed. `line` is 1-based when the problem has a position. */
export class ParseError extends Error {
  constructor(
    message: string,
    public readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'ParseError';
  }
}
