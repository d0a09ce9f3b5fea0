import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { OrgDirectory } from './org-directory';

/** Opens a unit's wall: tribes, squads, chapters and guilds by name. */
export function WallPicker({ directory }: { readonly directory: OrgDirectory }) {
  const { t } = useTranslation('recognition');
  const id = useId();
  const navigate = useNavigate();
  const [unitKey, setUnitKey] = useState('');
  const open = (event: FormEvent) => {
    event.preventDefault();
    const unit = directory.unit(unitKey);
    if (unit) void navigate(`/recognition/units/${unit.kind}/${encodeURIComponent(unit.id)}`);
  };
  return (
    <form className="wall-picker" onSubmit={open}>
      <label htmlFor={`${id}-unit`}>{t('wallPicker.label')}</label>
      <select
        id={`${id}-unit`}
        value={unitKey}
        onChange={(event) => setUnitKey(event.target.value)}
      >
        <option value="">{t('wallPicker.choose')}</option>
        {directory.units.map((unit) => (
          <option key={`${unit.kind}:${unit.id}`} value={`${unit.kind}:${unit.id}`}>
            {t('unitLabel', { kind: t(`common:units.${unit.kind}`), name: unit.name })}
          </option>
        ))}
      </select>
      <button type="submit" disabled={!unitKey}>
        {t('wallPicker.open')}
      </button>
    </form>
  );
}
