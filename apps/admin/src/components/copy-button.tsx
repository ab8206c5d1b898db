import { useState } from 'react';

/** Copies text to the clipboard and says whether it worked (it needs HTTPS or localhost). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [outcome, setOutcome] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  };
  return (
    <button type="button" className="button button-small" onClick={copy}>
      {outcome === 'copied' ? 'Copied' : outcome === 'failed' ? 'Select and copy by hand' : label}
    </button>
  );
}
