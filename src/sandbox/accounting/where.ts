/**
 * Xero's `where` filter (the common .NET-like subset) compiled to a predicate over stored records:
 * ==, !=, >, >=, <, <=, AND/&&, OR/||, NOT, parentheses, .Contains/.StartsWith/.EndsWith,
 * GUID("…"), DateTime(y,m,d[,h,m,s]), true/false/null. String comparisons ignore case, as Xero's do.
 */
import { isJsonObject, type Json, type JsonObject } from './types.js';
import { isoToMs } from './wire.js';

export class WhereSyntaxError extends Error {}

type Literal = { kind: 'lit'; value: string | number | boolean | null; type: 'string' | 'number' | 'bool' | 'null' | 'guid' | 'date' };
type Path = { kind: 'path'; parts: string[] };
type Operand = Literal | Path;
type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; inner: Node }
  | { kind: 'cmp'; op: string; left: Operand; right: Operand }
  | { kind: 'call'; method: string; target: Path; arg: Literal }
  | { kind: 'truthy'; target: Path };

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|(==|!=|>=|<=|&&|\|\||[=<>!(),.])|([A-Za-z_][A-Za-z0-9_]*))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) throw new WhereSyntaxError(`Unexpected character at position ${at}`);
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  }
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: string[]) {}
  private peek(): string | undefined {
    return this.tokens[this.i];
  }
  private next(): string {
    const t = this.tokens[this.i++];
    if (t === undefined) throw new WhereSyntaxError('Unexpected end of expression');
    return t;
  }
  private expect(token: string): void {
    const t = this.next();
    if (t !== token) throw new WhereSyntaxError(`Expected '${token}' but found '${t}'`);
  }
  parse(): Node {
    const node = this.or();
    if (this.i < this.tokens.length) throw new WhereSyntaxError(`Unexpected '${this.tokens[this.i] ?? ''}'`);
    return node;
  }
  private or(): Node {
    let left = this.and();
    while (this.peek()?.toUpperCase() === 'OR' || this.peek() === '||') {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }
  private and(): Node {
    let left = this.unary();
    while (this.peek()?.toUpperCase() === 'AND' || this.peek() === '&&') {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }
  private unary(): Node {
    if (this.peek()?.toUpperCase() === 'NOT' || this.peek() === '!') {
      this.next();
      return { kind: 'not', inner: this.unary() };
    }
    if (this.peek() === '(') {
      this.next();
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    const left = this.operand();
    const op = this.peek();
    if (left.kind === 'path' && op !== undefined && ['==', '!=', '>', '>=', '<', '<=', '='].includes(op)) {
      this.next();
      return { kind: 'cmp', op: op === '=' ? '==' : op, left, right: this.operand() };
    }
    if (left.kind === 'lit' && op !== undefined && ['==', '!=', '>', '>=', '<', '<='].includes(op)) {
      this.next();
      return { kind: 'cmp', op, left, right: this.operand() };
    }
    if (left.kind !== 'path') throw new WhereSyntaxError('A comparison needs a field');
    const method = left.parts.at(-1)?.toLowerCase();
    if (this.peek() === '(' && method && ['contains', 'startswith', 'endswith'].includes(method)) {
      this.next();
      const arg = this.operand();
      this.expect(')');
      if (arg.kind !== 'lit' || arg.type !== 'string') throw new WhereSyntaxError(`${method} needs a string`);
      return { kind: 'call', method, target: { kind: 'path', parts: left.parts.slice(0, -1) }, arg };
    }
    return { kind: 'truthy', target: left };
  }
  private operand(): Operand {
    const t = this.next();
    if (t.startsWith('"')) return { kind: 'lit', type: 'string', value: JSON.parse(t) as string };
    if (/^-?\d/.test(t)) return { kind: 'lit', type: 'number', value: Number(t) };
    const upper = t.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'lit', type: 'bool', value: upper === 'TRUE' };
    if (upper === 'NULL') return { kind: 'lit', type: 'null', value: null };
    if (upper === 'GUID' && this.peek() === '(') {
      this.next();
      const s = this.next();
      this.expect(')');
      if (!s.startsWith('"')) throw new WhereSyntaxError('GUID needs a string');
      return { kind: 'lit', type: 'guid', value: (JSON.parse(s) as string).toLowerCase() };
    }
    if (upper === 'DATETIME' && this.peek() === '(') {
      this.next();
      const parts: number[] = [];
      while (this.peek() !== ')') {
        const n = Number(this.next());
        if (!Number.isInteger(n)) throw new WhereSyntaxError('DateTime needs integers');
        parts.push(n);
        if (this.peek() === ',') this.next();
      }
      this.next();
      const [y, mo, d, h = 0, mi = 0, s = 0] = parts;
      if (y === undefined || mo === undefined || d === undefined) throw new WhereSyntaxError('DateTime needs year, month and day');
      return { kind: 'lit', type: 'date', value: Date.UTC(y, mo - 1, d, h, mi, s) };
    }
    if (!/^[A-Za-z_]/.test(t)) throw new WhereSyntaxError(`Unexpected '${t}'`);
    const parts = [t];
    while (this.peek() === '.') {
      this.next();
      parts.push(this.next());
    }
    return { kind: 'path', parts };
  }
}

function lookup(record: JsonObject, parts: string[]): Json | undefined {
  let current: Json | undefined = record;
  for (const part of parts) {
    if (!isJsonObject(current)) return undefined;
    const key: string | undefined = Object.keys(current).find((k) => k.toLowerCase() === part.toLowerCase());
    current = key === undefined ? undefined : current[key];
  }
  return current;
}

function compare(field: Json | undefined, lit: Literal, op: string): boolean {
  const isNull = field === undefined || field === null || field === '';
  if (lit.type === 'null') return op === '==' ? isNull : op === '!=' ? !isNull : false;
  if (isNull) return op === '!=';
  let a: string | number | boolean;
  let b: string | number | boolean;
  if (lit.type === 'date') {
    if (typeof field !== 'string') return false;
    a = isoToMs(field);
    b = Number(lit.value);
  } else if (typeof field === 'number' && lit.type === 'number') {
    a = field;
    b = Number(lit.value);
  } else if (typeof field === 'boolean') {
    a = field;
    b = lit.value === true || String(lit.value).toLowerCase() === 'true';
  } else {
    a = String(field).toLowerCase();
    b = String(lit.value).toLowerCase();
  }
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    default:
      return false;
  }
}

const FLIP: Record<string, string> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=', '==': '==', '!=': '!=' };

function evaluate(node: Node, record: JsonObject): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, record) && evaluate(node.right, record);
    case 'or':
      return evaluate(node.left, record) || evaluate(node.right, record);
    case 'not':
      return !evaluate(node.inner, record);
    case 'truthy':
      return lookup(record, node.target.parts) === true;
    case 'call': {
      const value = lookup(record, node.target.parts);
      if (typeof value !== 'string') return false;
      const hay = value.toLowerCase();
      const needle = String(node.arg.value).toLowerCase();
      return node.method === 'contains' ? hay.includes(needle) : node.method === 'startswith' ? hay.startsWith(needle) : hay.endsWith(needle);
    }
    case 'cmp': {
      if (node.left.kind === 'path' && node.right.kind === 'lit') return compare(lookup(record, node.left.parts), node.right, node.op);
      if (node.left.kind === 'lit' && node.right.kind === 'path') return compare(lookup(record, node.right.parts), node.left, FLIP[node.op] ?? node.op);
      throw new WhereSyntaxError('A comparison needs one field and one value');
    }
  }
}

/** Compiles a `where` expression; throws WhereSyntaxError when Xero would answer 400. */
export function compileWhere(source: string): (record: JsonObject) => boolean {
  const ast = new Parser(tokenize(source)).parse();
  return (record) => evaluate(ast, record);
}

/** `order=Name ASC, Date DESC` as a comparator over stored records. */
export function compileOrder(source: string): (a: JsonObject, b: JsonObject) => number {
  const keys = source.split(',').map((part) => {
    const [field = '', dir = 'ASC'] = part.trim().split(/\s+/);
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(field) || !/^(ASC|DESC)$/i.test(dir)) throw new WhereSyntaxError(`Cannot order by '${part.trim()}'`);
    return { parts: field.split('.'), sign: dir.toUpperCase() === 'DESC' ? -1 : 1 };
  });
  return (a, b) => {
    for (const key of keys) {
      const x = lookup(a, key.parts);
      const y = lookup(b, key.parts);
      if (x === y) continue;
      if (x === undefined || x === null) return -key.sign;
      if (y === undefined || y === null) return key.sign;
      const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en', { sensitivity: 'base' });
      if (cmp !== 0) return cmp * key.sign;
    }
    return 0;
  };
}
