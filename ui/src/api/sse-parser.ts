// An incremental Server-Sent Events parser (the WHATWG event-stream format). The UI reads streams
// with fetch rather than EventSource because EventSource hides the HTTP status (a 401 must lead
// to the login page) and the `: ping` comments (needed to notice a dead connection).

export type SseMessage = { kind: 'data'; event: string; data: string } | { kind: 'comment'; text: string };

export class SseParser {
  #buffer = '';
  #data: string[] = [];
  #event = '';

  /** Feeds a decoded chunk; returns the messages it completed. */
  feed(chunk: string): SseMessage[] {
    this.#buffer += chunk;
    const out: SseMessage[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer);
      if (!match) break;
      // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (match[0] === '\r' && match.index === this.#buffer.length - 1) break;
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      const message = this.#line(line);
      if (message) out.push(message);
    }
    return out;
  }

  #line(line: string): SseMessage | undefined {
    if (line === '') {
      if (this.#data.length === 0) return undefined;
      const message: SseMessage = {
        kind: 'data',
        event: this.#event || 'message',
        data: this.#data.join('\n'),
      };
      this.#data = [];
      this.#event = '';
      return message;
    }
    if (line.startsWith(':')) return { kind: 'comment', text: line.slice(1).trim() };
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    return undefined;
  }
}
