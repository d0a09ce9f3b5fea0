import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface NamedChoice {
  readonly id: string;
  readonly name: string;
}

const shownAtOnce = 8;

/**
 * People (or units) to thank or credit, as checkboxes named by each: a search narrows the list,
 * and those already chosen stay in view. A list of checkboxes is what a keyboard and a screen
 * reader handle without help, even in an organisation of hundreds.
 */
export function NamePicker({
  legend,
  searchLabel,
  choices,
  chosen,
  onChange,
  problem,
}: {
  readonly legend: string;
  readonly searchLabel: string;
  readonly choices: readonly NamedChoice[];
  readonly chosen: readonly string[];
  readonly onChange: (ids: string[]) => void;
  readonly problem?: string;
}) {
  const { t } = useTranslation('recognition');
  const id = useId();
  const [search, setSearch] = useState('');
  const needle = search.trim().toLocaleLowerCase();
  const matching = choices.filter(
    (choice) => !chosen.includes(choice.id) && choice.name.toLocaleLowerCase().includes(needle),
  );
  const shown = [
    ...choices.filter((choice) => chosen.includes(choice.id)),
    ...matching.slice(0, shownAtOnce),
  ];
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...chosen, id] : chosen.filter((chosenId) => chosenId !== id));
  return (
    <fieldset className="name-picker" aria-describedby={problem ? `${id}-problem` : undefined}>
      <legend>{legend}</legend>
      <label className="name-picker__search">
        <span>{searchLabel}</span>
        <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      </label>
      <ul className="name-picker__list">
        {shown.map((choice) => (
          <li key={choice.id}>
            <label>
              <input
                type="checkbox"
                checked={chosen.includes(choice.id)}
                onChange={(event) => toggle(choice.id, event.target.checked)}
              />{' '}
              {choice.name}
            </label>
          </li>
        ))}
      </ul>
      {matching.length > shownAtOnce && (
        <p className="muted">{t('namePicker.more', { count: matching.length - shownAtOnce })}</p>
      )}
      {shown.length === 0 && <p className="muted">{t('namePicker.none')}</p>}
      {problem && (
        <p id={`${id}-problem`} className="field-error">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
