import { describe, expect, it } from 'vitest';
import { AdapterError } from '../spec/adapter-error';
import { assertForwardableUrls, findForwardedUrls } from './forwarded-urls';

const names: Record<string, string[]> = {
  'images.example': ['93.184.215.14'],
  'private.example': ['10.1.2.3'],
  'mixed.example': ['93.184.215.14', '127.0.0.1'],
};
const resolveHost = async (host: string) => {
  const found = names[host];
  if (!found) throw new Error(`no such name ${host}`);
  return found;
};
const chat = (...urls: string[]): { model: string; messages: object[] } => ({
  model: 'm',
  messages: [
    {
      role: 'user',
      content: [{ type: 'text', text: 'see http://127.0.0.1/' }].concat(
        urls.map((url) => ({ type: 'image_url', image_url: { url } }) as never),
      ),
    },
  ],
});

async function refusal(body: unknown, options = {}): Promise<AdapterError | undefined> {
  try {
    await assertForwardableUrls(body, { resolveHost, ...options });
    return undefined;
  } catch (error) {
    return error as AdapterError;
  }
}

describe('findForwardedUrls', () => {
  it('finds URLs in fields named *url or *uri at any depth, with their path', () => {
    const found = findForwardedUrls({
      ...chat('https://a.example/x.png'),
      input: [{ content: [{ type: 'input_image', image_url: 'https://b.example/y.png' }] }],
      contents: [{ parts: [{ fileData: { fileUri: 'gs://bucket/file.pdf' } }] }],
      tools: [{ type: 'mcp', server_url: 'https://mcp.example' }],
      image_urls: ['https://c.example/z.png'],
      embedding: [0.1, 0.2],
    });
    expect(found.map(({ path, url }) => `${path} ${url.href}`).sort()).toEqual([
      'contents[0].parts[0].fileData.fileUri gs://bucket/file.pdf',
      'image_urls[0] https://c.example/z.png',
      'input[0].content[0].image_url https://b.example/y.png',
      'messages[0].content[1].image_url.url https://a.example/x.png',
      'tools[0].server_url https://mcp.example/',
    ]);
  });
});

describe('assertForwardableUrls', () => {
  it('passes public URLs, data URLs and other schemes', async () => {
    expect(
      await refusal(chat('https://images.example/cat.png', 'data:image/png;base64,AAAA')),
    ).toBeUndefined();
    expect(await refusal({ fileUri: 'gs://bucket/cat.png' })).toBeUndefined();
  });

  it('refuses private literals in every spelling, names resolving privately, and file:', async () => {
    for (const host of [
      '127.0.0.1',
      '169.254.169.254',
      '[::1]',
      '[::ffff:127.0.0.1]',
      '2130706433',
      '0x7f000001',
      '0177.0.0.1',
      '127.1',
      'localhost',
      'api.localhost',
      'private.example',
      'mixed.example',
      'unknown.example',
    ]) {
      const error = await refusal(chat('https://images.example/ok.png', `http://${host}:8080/x`));
      expect(error, host).toBeInstanceOf(AdapterError);
      expect(error?.status).toBe(400);
      expect(error?.param).toBe('messages[0].content[2].image_url.url');
    }
    expect((await refusal({ file_url: 'file:///etc/passwd' }))?.param).toBe('file_url');
  });

  it('lets a channel on the private network on purpose pass them on', async () => {
    expect(
      await refusal(chat('http://169.254.169.254/latest'), { allowPrivateNetwork: true }),
    ).toBeUndefined();
  });

  it('bounds the resolution: a name that does not answer in time is refused', async () => {
    const started = Date.now();
    const error = await refusal(chat('https://slow.example/x.png'), {
      resolveHost: () => new Promise<string[]>(() => {}),
      timeoutMs: 50,
    });
    expect(error?.message).toMatch(/in time/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses more distinct hosts than it will resolve', async () => {
    const urls = Array.from({ length: 33 }, (_, index) => `https://h${index}.example/x.png`);
    expect((await refusal(chat(...urls)))?.message).toMatch(/more than 32 hosts/);
  });

  it('walks a broad body in slices: timers run before the check is done', async () => {
    // 100,000 turns, the last with a private image: 300,000 values, 50-90 ms in one walk.
    const body = chat('https://images.example/ok.png');
    const turns = Array.from({ length: 100_000 }, (_, index) => ({
      role: index % 2 ? 'assistant' : 'user',
      content: `turn ${index}`,
    }));
    body.messages = [...turns, ...body.messages];
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const error = await refusal(body);
    clearInterval(ticker);
    expect(error).toBeUndefined();
    expect(ticks).toBeGreaterThanOrEqual(2);
    body.messages.push(chat('http://10.0.0.1/x.png').messages[0]!);
    expect((await refusal(body))?.param).toBe('messages[100001].content[1].image_url.url');
  });
});
