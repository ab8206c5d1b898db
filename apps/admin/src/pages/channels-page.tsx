import { useState } from 'react';
import { deleteChannel, listChannels, listProviders, setChannelStatus } from '../api/channels-api';
import type { Channel } from '../api/types';
import { type Column, DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import { SelectAllCheckbox } from '../components/select-all-checkbox';
import { StatusBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { useSelection } from '../components/use-selection';
import { useT } from '../i18n/use-t';
import { useSession } from '../session/session-context';
import { ChannelBalanceCheck } from './channel-balance-check';
import { ChannelBulkBar } from './channel-bulk-bar';
import { ChannelForm } from './channel-form';
import { ChannelTestResult } from './channel-test-result';
import { RevealKeysDialog } from './reveal-keys-dialog';
import { useChannelTests } from './use-channel-tests';

/** What the form above the table is doing: nothing, adding, or editing one channel. */
type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; channel: Channel };

/** Admin: the upstream channels requests are routed to, and their tests. */
export function ChannelsPage() {
  const t = useT();
  const { user } = useSession();
  const { state, reload } = useLoad(async () => (await listChannels()).items);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [revealing, setRevealing] = useState<Channel | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const checks = useChannelTests(reload);
  const providers = useLoad(listProviders).state;
  // Balance only where the provider has an endpoint for it; none until the list is known.
  const hasBalance = (type: string) =>
    providers.kind === 'ready' &&
    providers.data.some((provider) => provider.id === type && provider.hasBalance);
  const channels = state.kind === 'ready' ? state.data : [];
  const selection = useSelection(channels.map((channel) => channel.id));

  const act = async (action: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await action();
      reload();
    } catch (error) {
      setActionError(error);
    }
  };

  const columns: Column<Channel>[] = [
    {
      key: 'select',
      header: t('channels.select'),
      headerCell: (
        <SelectAllCheckbox
          state={selection.state}
          label={t('channels.selectAll')}
          onChange={selection.toggleAll}
        />
      ),
      cell: (channel) => (
        <input
          type="checkbox"
          aria-label={t('channels.selectOne', { name: channel.name })}
          checked={selection.isSelected(channel.id)}
          onChange={() => selection.toggle(channel.id)}
        />
      ),
    },
    {
      key: 'name',
      header: t('common.name'),
      cell: (channel) => <span className="cell-strong">{channel.name}</span>,
    },
    {
      key: 'type',
      header: t('common.type'),
      cell: (channel) => (
        <div className="status-cell">
          {channel.type}
          {hasBalance(channel.type) && <ChannelBalanceCheck channelId={channel.id} />}
        </div>
      ),
    },
    {
      // The live test result sits under the status it may change (a pass revives a channel).
      key: 'status',
      header: t('channels.statusTest'),
      cell: (channel) => (
        <div className="status-cell">
          <StatusBadge status={channel.status} />
          <ChannelTestResult channel={channel} test={checks.tests.get(channel.id)} />
        </div>
      ),
    },
    {
      key: 'priority',
      header: t('channels.priorityWeight'),
      cell: (channel) => `${channel.priority} / ${channel.weight}`,
      numeric: true,
    },
    {
      key: 'models',
      header: t('common.models'),
      cell: (channel) => <span className="cell-wrap">{channel.models.join(', ')}</span>,
    },
    {
      key: 'keys',
      header: t('channels.keys'),
      cell: (channel) => (
        <div className="status-cell">
          <code>{channel.keysMasked.join(' ')}</code>
          {user.role === 'root' && (
            <button
              type="button"
              className="button button-small"
              aria-label={t('channels.revealOf', { name: channel.name })}
              onClick={() => setRevealing(channel)}
            >
              {t('channels.reveal')}
            </button>
          )}
        </div>
      ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (channel) => {
        const test = checks.tests.get(channel.id);
        return (
          <div className="row-actions row-actions-wrap">
            <button
              type="button"
              className="button button-small"
              disabled={test?.kind === 'running' || test?.kind === 'queued'}
              onClick={() => void checks.testOne(channel.id)}
            >
              {t('channels.test')}
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => setEditing({ kind: 'edit', channel })}
            >
              {t('common.edit')}
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() =>
                act(() =>
                  setChannelStatus(
                    channel.id,
                    channel.status === 'enabled' ? 'manually_disabled' : 'enabled',
                  ),
                )
              }
            >
              {channel.status === 'enabled' ? t('common.disable') : t('common.enable')}
            </button>
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => {
                if (window.confirm(t('channels.deleteConfirm', { name: channel.name })))
                  void act(() => deleteChannel(channel.id));
              }}
            >
              {t('common.delete')}
            </button>
          </div>
        );
      },
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1>{t('channels.title')}</h1>
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={checks.testingAll || channels.length === 0}
            onClick={() => void checks.testAll(channels)}
          >
            {checks.testingAll ? t('channels.testing') : t('channels.testAll')}
          </button>
          {editing.kind === 'none' && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => setEditing({ kind: 'new' })}
            >
              {t('channels.new')}
            </button>
          )}
        </div>
      </div>
      {editing.kind !== 'none' && providers.kind === 'error' && (
        <ErrorBanner error={providers.error} />
      )}
      {editing.kind !== 'none' && providers.kind === 'ready' && (
        <ChannelForm
          providers={providers.data}
          key={editing.kind === 'edit' ? editing.channel.id : 'new'}
          {...(editing.kind === 'edit' && { channel: editing.channel })}
          onSaved={() => {
            setEditing({ kind: 'none' });
            reload();
          }}
          onCancel={() => setEditing({ kind: 'none' })}
        />
      )}
      <ErrorBanner error={actionError} />
      {revealing && (
        <RevealKeysDialog
          key={revealing.id}
          channel={revealing}
          onClose={() => setRevealing(null)}
        />
      )}
      <section className="card card-dense channels-card">
        {channels.length > 0 && (
          <ChannelBulkBar
            selected={selection.selected}
            onDone={() => {
              selection.clear();
              reload();
            }}
          />
        )}
        <DataTable
          label={t('channels.title')}
          state={state}
          columns={columns}
          rowKey={(channel) => channel.id}
          empty={t('channels.empty')}
        />
      </section>
    </>
  );
}
