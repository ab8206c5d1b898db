import bcrypt from 'bcryptjs';

/*
 * Rows for the test sources: a few of each entity, with the cases that matter (a type with
 * no counterpart, new-api's renumbered types, a disabled user, a used code, an unlimited
 * key, an expired key, a soft-deleted new-api user). Passwords are bcrypt `$2a$` hashes as
 * Go's golang.org/x/crypto/bcrypt writes them.
 */

const goBcrypt = (password: string, cost: number) =>
  bcrypt.hashSync(password, bcrypt.genSaltSync(cost).replace(/^\$2b\$/, '$2a$'));

export const PASSWORDS = { root: 'root-password-1', alice: 'alice-password' } as const;

function key48(prefix: string): string {
  return prefix.padEnd(48, '0');
}

/** Stored token keys: 48 characters, no `sk-` (model/token.go, char(48)). */
export const TOKEN_KEYS = {
  alice: key48('A1ice'),
  aliceUnlimited: key48('A1iceUnlimited'),
  aliceExpired: key48('A1iceExpired'),
  bob: key48('Bob'),
  newApi: key48('NewApi'),
  deleted: key48('Deleted'),
} as const;

/** Redemption codes: 32 hex characters (model/redemption.go, char(32)). */
export const CODES = {
  unused: '0123456789abcdef0123456789abcdef',
  used: 'fedcba9876543210fedcba9876543210',
  disabled: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
} as const;

const NOW = Math.floor(Date.now() / 1000);
const user = (row: Record<string, unknown>) => ({
  password: '',
  display_name: '',
  role: 1,
  status: 1,
  email: '',
  github_id: '',
  wechat_id: '',
  quota: 0,
  used_quota: 0,
  request_count: 0,
  group: 'default',
  inviter_id: 0,
  ...row,
});
const channel = (row: Record<string, unknown>) => ({
  status: 1,
  weight: 0,
  created_time: NOW - 86_400,
  base_url: '',
  other: '',
  group: 'default',
  used_quota: 0,
  model_mapping: '',
  priority: 0,
  ...row,
});

export function oneApiRows(): Record<string, object[]> {
  return {
    users: [
      user({
        id: 1,
        username: 'root',
        password: goBcrypt(PASSWORDS.root, 4),
        display_name: 'Root User',
        role: 100,
        access_token: '0123456789abcdef0123456789abcdef',
        aff_code: 'RooT',
      }),
      user({
        id: 2,
        username: 'alice',
        password: goBcrypt(PASSWORDS.alice, 10),
        email: 'alice@example.com',
        quota: 800_000,
        used_quota: 200_000,
        request_count: 12,
        group: 'vip',
        aff_code: 'A1ic',
        inviter_id: 1,
      }),
      user({
        id: 3,
        username: 'bob',
        password: goBcrypt('bob-password', 4),
        status: 2,
        aff_code: 'B0b0',
      }),
      // Signed up with GitHub: no password (model/user.go Insert hashes only a non-empty one).
      user({ id: 4, username: 'carol', role: 10, github_id: '4242', aff_code: 'CaRo' }),
    ],
    channels: [
      channel({
        id: 1,
        type: 1,
        key: 'sk-upstream-openai',
        name: 'OpenAI main',
        models: 'gpt-4o-mini,gpt-4o',
        group: 'default,vip',
        priority: 10,
        weight: 5,
        model_mapping: '{"gpt-4o":"gpt-4o-2024-08-06"}',
        used_quota: 4321,
      }),
      channel({
        id: 2,
        type: 14,
        key: 'sk-ant-upstream',
        name: 'Claude via proxy',
        base_url: 'https://claude-proxy.example.com/',
        models: 'claude-3-5-sonnet-20240620',
        status: 2,
      }),
      // One API's 36 is DeepSeek (new-api's 36 is Suno).
      channel({
        id: 3,
        type: 36,
        key: 'sk-deepseek',
        name: 'DeepSeek',
        models: 'deepseek-chat',
        status: 3,
      }),
      channel({ id: 4, type: 11, key: 'palm-key', name: 'PaLM', models: 'chat-bison-001' }),
      channel({
        id: 5,
        type: 33,
        key: 'AKIAEXAMPLE|aws-secret|us-east-1',
        name: 'Bedrock',
        models: 'claude-3-haiku',
        config: '{"region":"us-east-1","ak":"AKIAEXAMPLE","sk":"aws-secret"}',
      }),
      channel({
        id: 6,
        type: 3,
        key: 'azure-key',
        name: 'Azure',
        base_url: 'https://my-resource.openai.azure.com',
        models: 'gpt-4o',
        config: '{"api_version":"2024-06-01"}',
      }),
      channel({
        id: 7,
        type: 8,
        key: 'sk-custom',
        name: 'Internal',
        base_url: 'https://llm.internal.example/',
        models: 'llama-3-70b',
        system_prompt: 'Be nice.',
      }),
    ],
    abilities: [
      ...['default', 'vip'].flatMap((group) =>
        ['gpt-4o-mini', 'gpt-4o'].map((model) => ({
          group,
          model,
          channel_id: 1,
          enabled: 1,
          priority: 10,
        })),
      ),
    ],
    tokens: [
      token({
        id: 1,
        user_id: 2,
        key: TOKEN_KEYS.alice,
        name: 'laptop',
        remain_quota: 500_000,
        used_quota: 100_000,
      }),
      token({
        id: 2,
        user_id: 2,
        key: TOKEN_KEYS.aliceUnlimited,
        name: 'ci',
        unlimited_quota: 1,
        used_quota: 1234,
        models: 'gpt-4o-mini',
      }),
      token({
        id: 3,
        user_id: 2,
        key: TOKEN_KEYS.aliceExpired,
        name: 'old',
        expired_time: NOW - 3600,
      }),
      token({ id: 4, user_id: 3, key: TOKEN_KEYS.bob, name: 'bob', remain_quota: 10 }),
    ],
    redemptions: [
      code({ id: 1, key: CODES.unused, name: 'promo', quota: 100_000 }),
      code({
        id: 2,
        key: CODES.used,
        name: 'promo',
        quota: 100_000,
        status: 3,
        redeemed_time: NOW - 60,
      }),
      code({ id: 3, key: CODES.disabled, name: 'revoked', quota: 5, status: 2 }),
    ],
    options: Object.entries({
      ModelRatio: '{"gpt-4o":1.25,"gpt-4o-mini":0.1,"my-model":1.5}',
      CompletionRatio: '{"my-model":2}',
      GroupRatio: '{"default":1,"vip":0.8,"svip":0.5}',
      QuotaForNewUser: '1000',
      QuotaForInviter: '2000',
      QuotaForInvitee: '300',
      SystemName: 'My One API',
      QuotaPerUnit: '500000',
    }).map(([key, value]) => ({ key, value })),
    logs: [
      log({
        id: 1,
        user_id: 2,
        type: 2,
        model_name: 'gpt-4o-mini',
        channel_id: 1,
        quota: 150,
        prompt_tokens: 100,
        completion_tokens: 50,
        token_name: 'laptop',
        elapsed_time: 850,
        is_stream: 1,
        request_id: 'req-1',
      }),
      log({ id: 2, user_id: 2, type: 1, content: 'top-up', quota: 500_000 }),
      log({ id: 3, user_id: 4, type: 3, content: 'admin changed a setting' }),
    ],
  };
}

export function newApiRows(): Record<string, object[]> {
  const multiKey = JSON.stringify({
    is_multi_key: true,
    multi_key_size: 3,
    multi_key_status_list: { 1: 2 },
  });
  const serviceAccount = JSON.stringify({
    type: 'service_account',
    project_id: 'my-project',
    private_key: 'x',
  });
  return {
    users: [
      user({
        id: 1,
        username: 'root',
        password: goBcrypt(PASSWORDS.root, 4),
        role: 100,
        aff_code: 'RooT',
        aff_count: 0,
      }),
      user({
        id: 2,
        username: 'dave',
        password: goBcrypt('dave-password', 4),
        aff_code: 'DaVe',
        deleted_at: '2025-01-01 00:00:00',
      }),
    ],
    channels: [
      nchannel({ id: 1, type: 43, key: 'sk-deepseek', name: 'DeepSeek', models: 'deepseek-chat' }),
      nchannel({ id: 2, type: 36, key: 'suno-key', name: 'Suno', models: 'suno_music' }),
      nchannel({
        id: 3,
        type: 33,
        key: 'AKIANEW|new-secret|us-west-2',
        name: 'AWS',
        models: 'claude-3-haiku',
      }),
      nchannel({
        id: 4,
        type: 41,
        key: serviceAccount,
        name: 'Vertex',
        models: 'gemini-1.5-pro',
        other: 'us-central1',
      }),
      nchannel({
        id: 5,
        type: 1,
        key: 'k1\nk2\nk3',
        name: 'Pool',
        models: 'gpt-4o-mini',
        channel_info: multiKey,
        tag: 'pool',
      }),
    ],
    tokens: [
      newApiToken({
        id: 1,
        user_id: 1,
        key: TOKEN_KEYS.newApi,
        name: 'limited',
        remain_quota: 1000,
        model_limits_enabled: 1,
        model_limits: 'deepseek-chat,gpt-4o-mini',
        allow_ips: '10.0.0.0/8\n192.168.1.1',
      }),
      newApiToken({ id: 2, user_id: 2, key: TOKEN_KEYS.deleted, name: 'gone' }),
    ],
    redemptions: [
      {
        ...code({
          id: 1,
          key: CODES.used,
          name: 'gift',
          quota: 7,
          status: 3,
          redeemed_time: NOW - 10,
        }),
        used_user_id: 1,
        expired_time: 0,
      },
    ],
    options: [],
    logs: [],
    midjourneys: [],
  };
}

const baseToken = (row: Record<string, unknown>) => ({
  status: 1,
  created_time: NOW - 86_400,
  accessed_time: NOW - 600,
  expired_time: -1,
  remain_quota: 0,
  unlimited_quota: 0,
  used_quota: 0,
  ...row,
});
const token = (row: Record<string, unknown>) => baseToken({ models: '', subnet: '', ...row });
const newApiToken = (row: Record<string, unknown>) =>
  baseToken({ model_limits_enabled: 0, model_limits: '', allow_ips: '', group: '', ...row });

function code(row: Record<string, unknown>) {
  return { user_id: 1, status: 1, created_time: NOW - 86_400, redeemed_time: 0, ...row };
}

function log(row: Record<string, unknown>) {
  return {
    created_at: NOW - 120,
    content: '',
    username: '',
    token_name: '',
    model_name: '',
    quota: 0,
    prompt_tokens: 0,
    completion_tokens: 0,
    channel_id: 0,
    is_stream: 0,
    ...row,
  };
}

const nchannel = (row: Record<string, unknown>) =>
  channel({ auto_ban: 1, channel_info: '{}', ...row });
