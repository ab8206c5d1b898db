import { useState } from 'react';
import { deleteChannel, listChannels, setChannelStatus } from '../api/channels-api';
import type { Channel } from '../api/types';
import { type Column, DataTable } from '../components/data-table';
import { ErrorBanner } from '../components/error-banner';
import { StatusBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { ChannelForm } from './channel-form';

/** Admin: the upstream channels requests are routed to. */
export function ChannelsPage() {
  const { state, reload } = useLoad(async () => (await listChannels()).items);
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);

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
    { header: 'Name', cell: (channel) => <span className="cell-strong">{channel.name}</span> },
    { header: 'Type', cell: (channel) => channel.type },
    { header: 'Status', cell: (channel) => <StatusBadge status={channel.status} /> },
    { header: 'Priority', cell: (channel) => channel.priority, numeric: true },
    { header: 'Weight', cell: (channel) => channel.weight, numeric: true },
    {
      header: 'Models',
      cell: (channel) => <span className="cell-wrap">{channel.models.join(', ')}</span>,
    },
    { header: 'Keys', cell: (channel) => <code>{channel.keysMasked.join(' ')}</code> },
    {
      header: 'Actions',
      cell: (channel) => (
        <div className="row-actions">
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
            {channel.status === 'enabled' ? 'Disable' : 'Enable'}
          </button>
          <button
            type="button"
            className="button button-small button-danger"
            onClick={() => {
              if (window.confirm(`Delete the channel "${channel.name}"?`))
                void act(() => deleteChannel(channel.id));
            }}
          >
            Delete
          </button>
        </div>
      ),
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1>Channels</h1>
        {!creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New channel
          </button>
        )}
      </div>
      {creating && (
        <ChannelForm
          onCreated={() => {
            setCreating(false);
            reload();
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      <ErrorBanner error={actionError} />
      <section className="card">
        <DataTable
          label="Channels"
          state={state}
          columns={columns}
          rowKey={(channel) => channel.id}
          empty="No channels yet. Add one to start routing requests."
        />
      </section>
    </>
  );
}
