/**
 * Netstrings (`<length>:<bytes>,`), the framing Kamailio's evapi uses with netstring_format=1:
 * a message may hold newlines, and a frame split across TCP reads is reassembled.
 */
export const encodeNetstring = (text: string): Buffer => {
  const body = Buffer.from(text, "utf8");
  return Buffer.concat([Buffer.from(`${body.length}:`), body, Buffer.from(",")]);
};

/** Longest frame accepted: evapi messages are small; a huge length means the stream is garbage. */
const MAX_FRAME = 64 * 1024;

export class NetstringError extends Error {}

/** Feeds TCP chunks, yields whole messages; throws NetstringError once the stream cannot be framed. */
export class NetstringDecoder {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): string[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const messages: string[] = [];
    for (;;) {
      const colon = this.buffer.indexOf(":");
      if (colon < 0) {
        if (this.buffer.length > 10 || !/^[0-9]*$/.test(this.buffer.toString("latin1"))) throw new NetstringError("bad netstring length");
        return messages;
      }
      const lengthText = this.buffer.subarray(0, colon).toString("latin1");
      if (!/^[0-9]{1,10}$/.test(lengthText)) throw new NetstringError("bad netstring length");
      const length = Number(lengthText);
      if (length > MAX_FRAME) throw new NetstringError(`netstring of ${length} bytes`);
      const end = colon + 1 + length;
      if (this.buffer.length < end + 1) return messages;
      if (this.buffer[end] !== 0x2c) throw new NetstringError("netstring without its closing comma");
      messages.push(this.buffer.subarray(colon + 1, end).toString("utf8"));
      this.buffer = this.buffer.subarray(end + 1);
    }
  }
}
