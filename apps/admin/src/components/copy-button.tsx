import { useState } from 'react';
import { useT } from '../i18n/use-t';

/** Copies text to the clipboard and says whether it worked (it needs HTTPS or localhost). */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useT();
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
      {outcome === 'copied'
        ? t('common.copied')
        : outcome === 'failed'
          ? t('common.copyFailed')
          : (label ?? t('common.copy'))}
    </button>
  );
}
