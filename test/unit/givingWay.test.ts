import { strict as assert } from 'assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Emitter, type Message, type MessageReader } from 'vscode-languageserver/node';
import { IncomingMessages } from '../../server/src/incomingMessages';
import { corpusMatcher, listCorpusFiles } from '../../server/src/workspace/corpusFiles';
import { NodeFileSystem } from '../../server/src/workspace/nodeFileSystem';
import { DEFAULT_SETTINGS } from '../../server/src/workspace/corpusWorkspace';
import { giveWayWhile, givenWay, nextTurn, sliced } from '../../server/src/workspace/nextTurn';

/** A reader whose messages the test delivers with `deliver`. */
function fakeReader(): MessageReader & { deliver(m: Message): void } {
  let callback: ((m: Message) => void) | undefined;
  return {
    onError: new Emitter<Error>().event,
    onClose: new Emitter<void>().event,
    onPartialMessage: new Emitter<never>().event,
    listen: (cb) => {
      callback = cb;
      return { dispose: () => undefined };
    },
    dispose: () => undefined,
    deliver: (m) => callback!(m),
  };
}

const request = (id: number): Message => ({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: {} }) as Message;
const cancel = (id: number): Message => ({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }) as Message;

/** Whether `p` has settled after a few turns of the event loop (and `ms` more, for file system calls). */
async function settles(p: Promise<unknown>, ms = 0): Promise<boolean> {
  let settled = false;
  void p.then(() => (settled = true));
  for (let i = 0; i < 5; i++) await nextTurn();
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
  return settled;
}

describe('incoming messages', () => {
  it('counts the messages read and not yet handled', () => {
    const incoming = new IncomingMessages();
    const inner = fakeReader();
    const handled: Message[] = [];
    incoming.reader(inner).listen(() => undefined);
    assert.equal(incoming.waiting(), false);
    inner.deliver(request(1));
    inner.deliver(request(2));
    assert.equal(incoming.waiting(), true);
    incoming.strategy.handleMessage(request(1), (m) => handled.push(m));
    assert.equal(incoming.waiting(), true);
    incoming.strategy.handleMessage(request(2), (m) => handled.push(m));
    assert.equal(incoming.waiting(), false);
    assert.deepEqual(handled, [request(1), request(2)]);
  });

  it('passes every message on to the connection, in order', () => {
    const incoming = new IncomingMessages();
    const inner = fakeReader();
    const got: Message[] = [];
    incoming.reader(inner).listen((m) => got.push(m));
    inner.deliver(request(1));
    inner.deliver(cancel(1));
    inner.deliver(request(2));
    assert.deepEqual(got, [request(1), cancel(1), request(2)]);
  });

  it('does not count cancellations, which the library may act on without queueing', () => {
    const incoming = new IncomingMessages();
    const inner = fakeReader();
    incoming.reader(inner).listen(() => undefined);
    inner.deliver(cancel(7));
    assert.equal(incoming.waiting(), false);
  });

  it('sets right a count that has not moved for a while (a message never handled)', async () => {
    const incoming = new IncomingMessages();
    const inner = fakeReader();
    incoming.reader(inner).listen(() => undefined);
    inner.deliver(request(1));
    assert.equal(incoming.waiting(), true);
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(incoming.waiting(), false);
    // And counts again from there.
    inner.deliver(request(2));
    assert.equal(incoming.waiting(), true);
  });
});

describe('background work gives way to waiting messages', () => {
  let waiting = false;
  beforeEach(() => {
    waiting = false;
    giveWayWhile(() => waiting);
  });
  afterEach(() => giveWayWhile(() => false));

  it('a slice ends at once while messages wait, and resumes when they have been handled', async () => {
    const pause = sliced(60_000);
    assert.equal(await settles(pause()), true, 'no message waits: the slice goes on');
    waiting = true;
    const paused = pause();
    assert.equal(await settles(paused), false, 'a message waits: the slice yields and stays out');
    waiting = false;
    assert.equal(await settles(paused), true);
  });

  it('givenWay resolves on a later turn once no message waits', async () => {
    let order: string[] = [];
    const p = givenWay().then(() => order.push('given way'));
    order.push('same turn');
    await p;
    assert.deepEqual(order, ['same turn', 'given way']);
    waiting = true;
    order = [];
    const q = givenWay().then(() => order.push('given way'));
    assert.equal(await settles(q), false);
    waiting = false;
    await q;
    assert.deepEqual(order, ['given way']);
  });

  it('a listing does not go through a folder while messages wait', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'corpus-lens-giveway-'));
    mkdirSync(path.join(root, 'a'));
    writeFileSync(path.join(root, 'a', 'one.txt'), 'نص');
    writeFileSync(path.join(root, 'two.txt'), 'نص');
    waiting = true;
    const listing = listCorpusFiles(root, corpusMatcher(root, DEFAULT_SETTINGS), () => undefined, new NodeFileSystem());
    assert.equal(await settles(listing, 200), false);
    waiting = false;
    assert.deepEqual(await listing, [path.join(root, 'a', 'one.txt'), path.join(root, 'two.txt')]);
  });
});
