import { useId, useState } from 'react';
import { useT } from '../i18n/index';

interface Props {
  /** The control's name, shown before the button and given to the file input ('Open map'). */
  label: string;
  accept?: string;
  multiple?: boolean;
  /** The files the user chose (never empty). */
  onFiles(files: File[]): void;
  className?: string;
}

/**
 * A file input in the app's language: a native <input type=file> draws its button and "No file chosen" in the
 * browser's language, so it is hidden visually (but stays focusable, in the tab order and named by `label`, so the
 * keyboard, screen readers and tests use it as before) and the label around it draws a translated button and the
 * name of the file last chosen. Clicking anywhere on the label opens the file chooser.
 */
export function FileButton({ label, accept, multiple, onFiles, className }: Props) {
  const t = useT();
  const chosenId = useId();
  const [chosen, setChosen] = useState<string[]>([]);
  const shown =
    chosen.length === 0 ? t('noFileChosen') : chosen.length === 1 ? chosen[0] : t('filesChosen', { n: chosen.length });
  return (
    <label className={`file-button${className ? ` ${className}` : ''}`}>
      <span className="file-button-label">{label}</span>
      <input
        type="file"
        className="visually-hidden"
        multiple={multiple}
        accept={accept}
        aria-label={label}
        aria-describedby={chosenId}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          // Emptied, so that choosing the same file again opens it again.
          e.target.value = '';
          if (files.length === 0) return;
          setChosen(files.map((f) => f.name));
          onFiles(files);
        }}
      />
      <span className="file-button-choose" aria-hidden="true">
        {multiple ? t('chooseFiles') : t('chooseFile')}
      </span>
      <span className="file-button-chosen" id={chosenId} title={chosen.join(', ') || undefined}>
        {shown}
      </span>
    </label>
  );
}
