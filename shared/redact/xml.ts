// XML (wevtutil RenderedXml events, applicationHost.config, web.config, appcmd output, .svclog)
// line by line: only text nodes, comments and attribute values are redacted, never element or
// attribute names, so the file stays well-formed. `password` attributes (processModel, virtual
// directories, anonymous user) keep their name with a `[redacted]` value: IIS's own "a password is
// set" signal survives (scep-apppool-identity reads it for gMSA accounts), the blob does not.
import type { LineTransform, Redactor } from './redactor';
import { PemKeyFilter, REDACTED } from './secrets';

type State = 'text' | 'tag' | 'comment' | 'cdata';

export class XmlTransform implements LineTransform {
  private state: State = 'text';
  /** Quote that opened the attribute value we are in, or '' outside values. */
  private quote = '';
  /** Name of the attribute whose value is open. */
  private attr = '';
  /** Text of the tag seen so far (to find the attribute name before `=`). */
  private tagText = '';
  private readonly pem = new PemKeyFilter();

  constructor(private readonly r: Redactor) {}

  push(raw: string): string | null {
    // A PEM key block can sit in an element's text across lines (svclog, event data).
    const line = this.pem.line(raw);
    if (line === null) return null;
    if (this.pem.found) this.r.removed.add('private-key');
    let out = '';
    let i = 0;
    const n = line.length;
    while (i < n) {
      if (this.quote) {
        const close = line.indexOf(this.quote, i);
        const end = close < 0 ? n : close;
        out += this.attrValue(line.slice(i, end));
        if (close < 0) break;
        out += this.quote;
        this.quote = '';
        i = close + 1;
        continue;
      }
      if (this.state === 'text') {
        const lt = line.indexOf('<', i);
        const end = lt < 0 ? n : lt;
        if (end > i) out += this.r.text(line.slice(i, end));
        if (lt < 0) break;
        if (line.startsWith('<!--', lt)) {
          this.state = 'comment';
          out += '<!--';
          i = lt + 4;
        } else if (line.startsWith('<![CDATA[', lt)) {
          this.state = 'cdata';
          out += '<![CDATA[';
          i = lt + 9;
        } else {
          this.state = 'tag';
          this.tagText = '';
          out += '<';
          i = lt + 1;
        }
        continue;
      }
      if (this.state === 'comment' || this.state === 'cdata') {
        const close = this.state === 'comment' ? '-->' : ']]>';
        const at = line.indexOf(close, i);
        const end = at < 0 ? n : at;
        out += this.r.text(line.slice(i, end));
        if (at < 0) break;
        out += close;
        this.state = 'text';
        i = at + close.length;
        continue;
      }
      // Inside a tag: names and punctuation are copied; a quote opens an attribute value.
      let j = i;
      while (j < n) {
        const c = line.charCodeAt(j);
        if (c === 34 || c === 39 || c === 62) break;
        j++;
      }
      const chunk = line.slice(i, j);
      out += chunk;
      this.tagText += chunk;
      if (j >= n) break;
      const ch = line[j]!;
      out += ch;
      if (ch === '>') {
        this.state = 'text';
      } else {
        this.quote = ch;
        this.attr = /([\w:.-]+)\s*=\s*$/.exec(this.tagText)?.[1]?.toLowerCase() ?? '';
        this.tagText = '';
      }
      i = j + 1;
    }
    return out === raw ? raw : out;
  }

  private attrValue(v: string): string {
    if (this.attr === 'password' && v !== '' && v !== REDACTED) {
      this.r.removed.add('iis-password');
      return REDACTED;
    }
    return v === '' ? v : this.r.text(v);
  }

  end(): string[] {
    return [];
  }
}
