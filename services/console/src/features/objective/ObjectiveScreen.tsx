import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { PageHeader, ProgressBar, QueryState } from '../../ui';
import { PersonName } from '../my-week/PersonName';
import {
  useCycle,
  useGuild,
  useObjective,
  useObjectiveHistory,
  useObjectiveInsights,
  type ObjectiveDetail,
} from './api';
import { AuditHistory } from './AuditHistory';
import { KeyResultPanel } from './KeyResultPanel';
import { ObjectiveLink } from './ObjectiveLink';
import { ObjectiveProposals } from './ObjectiveProposals';
import { ObjectiveBlockers } from './ObjectiveBlockers';
import './objective.css';

/**
 * One objective in full: what it is and whose, how it aligns, each key result with its
 * measurements and check-ins, its blockers, who contributes and which guilds follow it, and the
 * audit history. A 404 reads the same whether it does not exist or may not be seen.
 */
export function ObjectiveScreen() {
  const { t } = useTranslation('objective');
  const { objectiveId = '' } = useParams();
  const objective = useObjective(objectiveId);
  if (objective.data) return <ObjectiveDetails objective={objective.data} />;
  // Loading, not found or failed: the screen still has its one heading.
  return (
    <>
      <PageHeader title={t('title')} />
      <QueryState query={objective}>{() => null}</QueryState>
    </>
  );
}

function ObjectiveDetails({ objective }: { readonly objective: ObjectiveDetail }) {
  const { t } = useTranslation('objective');
  const session = useSession();
  const personId = session.data?.personId ?? '';
  const history = useObjectiveHistory(objective.objectiveId);
  return (
    <article className="objective">
      <PageHeader title={objective.title} />
      {objective.description && <p className="objective__description">{objective.description}</p>}
      <ObjectiveFacts objective={objective} />

      <section aria-labelledby="objective-alignment">
        <h2 id="objective-alignment">{t('alignment.heading')}</h2>
        <Alignment objective={objective} />
      </section>

      <section aria-labelledby="objective-key-results">
        <h2 id="objective-key-results">{t('keyResults.heading')}</h2>
        {objective.keyResults.length === 0 ? (
          <p>{t('keyResults.none')}</p>
        ) : (
          objective.keyResults.map((keyResult) => (
            <KeyResultPanel
              key={keyResult.keyResultId}
              objectiveId={objective.objectiveId}
              keyResult={keyResult}
              personId={personId}
            />
          ))
        )}
      </section>

      <section aria-labelledby="objective-blockers">
        <h2 id="objective-blockers">{t('blockers.heading')}</h2>
        <ObjectiveBlockers
          objectiveId={objective.objectiveId}
          owner={objective.owner}
          keyResults={objective.keyResults}
          personId={personId}
        />
      </section>

      <section aria-labelledby="objective-people">
        <h2 id="objective-people">{t('people.heading')}</h2>
        <People objective={objective} />
      </section>

      <section aria-labelledby="objective-insights">
        <h2 id="objective-insights">{t('insights.heading')}</h2>
        <GuildInsights objectiveId={objective.objectiveId} />
      </section>

      <section aria-labelledby="objective-proposals">
        <h2 id="objective-proposals">{t('proposals.heading')}</h2>
        <ObjectiveProposals objective={objective} />
      </section>

      <section aria-labelledby="objective-history">
        <h2 id="objective-history">{t('history.heading')}</h2>
        <QueryState query={history}>
          {(entries) => (
            <AuditHistory
              entries={entries}
              keyResults={objective.keyResults}
              owner={{ ...objective.owner, name: objective.ownerName }}
            />
          )}
        </QueryState>
      </section>
    </article>
  );
}

function ObjectiveFacts({ objective }: { readonly objective: ObjectiveDetail }) {
  const { t } = useTranslation('objective');
  const cycle = useCycle(objective.cycleId);
  const format = useFormat();
  return (
    <dl className="facts objective__facts">
      <div>
        <dt>{t('facts.owner')}</dt>
        <dd>
          {objective.owner.kind === 'person' ? (
            <PersonName personId={objective.owner.id} />
          ) : (
            t('facts.ownerUnit', {
              unit: t(`common:units.${objective.owner.kind}`),
              name: objective.ownerName,
            })
          )}
        </dd>
      </div>
      <div>
        <dt>{t('facts.cycle')}</dt>
        <dd>
          {cycle.data
            ? t('facts.cycleSpan', {
                name: cycle.data.name,
                from: format.date(cycle.data.startsOn),
                to: format.date(cycle.data.endsOn),
              })
            : objective.cycleId}
        </dd>
      </div>
      <div>
        <dt>{t('facts.kind')}</dt>
        <dd>{t(`facts.kinds.${objective.kind}`)}</dd>
      </div>
      <div>
        <dt>{t('facts.visibility')}</dt>
        <dd>{t(`facts.visibilities.${objective.visibility}`)}</dd>
      </div>
      <div>
        <dt>{t('facts.status')}</dt>
        <dd>
          {t(`facts.statuses.${objective.status}`)}
          {objective.achieved ? ` · ${t('facts.achieved')}` : ''}
        </dd>
      </div>
      <div>
        <dt>{t('facts.progress')}</dt>
        <dd>
          <ProgressBar
            value={objective.progress}
            label={t('facts.progressOf', { title: objective.title })}
          />
        </dd>
      </div>
      {objective.rolledUpProgress !== null && objective.children.length > 0 && (
        <div>
          <dt>{t('facts.rolledUp')}</dt>
          <dd>
            <ProgressBar
              value={objective.rolledUpProgress}
              label={t('facts.rolledUpOf', { title: objective.title })}
            />
          </dd>
        </div>
      )}
      {objective.fromProposalId && (
        <div>
          <dt>{t('facts.origin')}</dt>
          <dd>
            <Link to={`/proposals/${objective.fromProposalId}`}>{t('facts.fromProposal')}</Link>
          </dd>
        </div>
      )}
    </dl>
  );
}

/** Parents and children as links, titled as the goals service names them for this reader. */
function Alignment({ objective }: { readonly objective: ObjectiveDetail }) {
  const { t } = useTranslation('objective');
  return (
    <div className="alignment">
      <div>
        <h3>{t('alignment.contributesTo')}</h3>
        {objective.parents.length === 0 ? (
          <p>{t('alignment.noParents')}</p>
        ) : (
          <ul>
            {objective.parents.map((parentId) => (
              <li key={parentId}>
                <ObjectiveLink objectiveId={parentId} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3>{t('alignment.alignedHere')}</h3>
        {objective.children.length === 0 ? (
          <p>{t('alignment.noChildren')}</p>
        ) : (
          <ul>
            {objective.children.map((childId) => (
              <li key={childId}>
                <ObjectiveLink objectiveId={childId} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function People({ objective }: { readonly objective: ObjectiveDetail }) {
  const { t } = useTranslation('objective');
  return (
    <div className="people">
      <div>
        <h3>{t('people.contributors')}</h3>
        {objective.contributors.length === 0 ? (
          <p>{t('people.noContributors')}</p>
        ) : (
          <ul>
            {objective.contributors.map((personId) => (
              <li key={personId}>
                <PersonName personId={personId} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3>{t('people.followers')}</h3>
        {objective.followers.length === 0 ? (
          <p>{t('people.noFollowers')}</p>
        ) : (
          <ul>
            {objective.followers.map((guildId) => (
              <li key={guildId}>
                <GuildName guildId={guildId} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function GuildName({ guildId }: { readonly guildId: string }) {
  const guild = useGuild(guildId);
  return <span>{guild.data?.name ?? guildId}</span>;
}

function GuildInsights({ objectiveId }: { readonly objectiveId: string }) {
  const { t } = useTranslation('objective');
  const format = useFormat();
  const insights = useObjectiveInsights(objectiveId);
  return (
    <QueryState query={insights}>
      {(all) =>
        all.length === 0 ? (
          <p>{t('insights.none')}</p>
        ) : (
          <ul className="insight-list">
            {all.map((insight) => (
              <li key={insight.insightId} className="card">
                <h3>{insight.title}</h3>
                <p>{insight.body}</p>
                <p className="insight-list__by">
                  <GuildName guildId={insight.guildId} /> ·{' '}
                  <PersonName personId={insight.authorId} /> ·{' '}
                  <time dateTime={insight.postedAt}>{format.date(insight.postedAt)}</time>
                </p>
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}
