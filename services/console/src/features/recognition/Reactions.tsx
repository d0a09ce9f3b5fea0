import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui';
import { kudosReactions, useReaction, type Kudos } from './api';

const symbols = { applause: '👏', celebrate: '🎉', heart: '❤️', 'thumbs-up': '👍' } as const;

/** The four reactions to a kudos, each a toggle saying whether I gave it and how many did. */
export function Reactions({
  kudos,
  myPersonId,
}: {
  readonly kudos: Kudos;
  readonly myPersonId: string;
}) {
  const { t } = useTranslation('recognition');
  const react = useReaction(kudos.kudosId);
  return (
    <div className="reactions" role="group" aria-label={t('reactions.label')}>
      {kudosReactions.map((reaction) => {
        const given = kudos.reactions[reaction]?.by.includes(myPersonId) ?? false;
        const count = kudos.reactions[reaction]?.count ?? 0;
        return (
          <button
            key={reaction}
            type="button"
            className="reaction"
            aria-pressed={given}
            disabled={react.isPending}
            onClick={() => react.mutate({ reaction, given })}
          >
            <span aria-hidden="true">{symbols[reaction]}</span>{' '}
            {t('reactions.named', { reaction: t(`reactions.${reaction}`), count })}
          </button>
        );
      })}
      {react.isError && <ErrorMessage error={react.error} />}
    </div>
  );
}
