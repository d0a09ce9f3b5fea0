import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { PageHeader, QueryState } from '../../ui';
import { useTemplates, useTraining, type ObjectiveTemplate, type TemplateKeyResult } from './api';
import './learning.css';

/**
 * The library: objective templates with worked key results ("use this template" starts an
 * objective from one) and short training material, in the chosen language.
 */
export function LearningScreen() {
  const { t } = useTranslation('learning');
  const templates = useTemplates();
  const training = useTraining();
  return (
    <>
      <PageHeader title={t('title')} />
      <p>{t('intro')}</p>
      <section aria-labelledby="training-heading">
        <h2 id="training-heading">{t('training.heading')}</h2>
        <QueryState query={training}>
          {(modules) => (
            <div className="training">
              {modules.map((module) => (
                <article key={module.moduleId} className="card">
                  <h3>{module.title}</h3>
                  {module.body.split(/\n{2,}/).map((paragraph, index) => (
                    <p key={index}>{paragraph}</p>
                  ))}
                </article>
              ))}
            </div>
          )}
        </QueryState>
      </section>
      <section aria-labelledby="templates-heading">
        <h2 id="templates-heading">{t('templates.heading')}</h2>
        <QueryState query={templates}>
          {(all) => (
            <ul className="templates">
              {all.map((template) => (
                <TemplateCard key={template.templateId} template={template} />
              ))}
            </ul>
          )}
        </QueryState>
      </section>
    </>
  );
}

function TemplateCard({ template }: { readonly template: ObjectiveTemplate }) {
  const { t } = useTranslation('learning');
  return (
    <li className="card template">
      <h3>{template.title}</h3>
      <p className="template__meta">
        {t(`categories.${template.category}`)} · {t(`kinds.${template.suggestedKind}`)}
      </p>
      <p>{template.description}</p>
      <h4>{t('templates.keyResults')}</h4>
      <ul>
        {template.keyResults.map((keyResult) => (
          <li key={keyResult.index}>
            {keyResult.title} <TargetRuleText keyResult={keyResult} />
          </li>
        ))}
      </ul>
      <p className="template__guidance">
        <strong>{t('templates.tip')}</strong> {template.guidance}
      </p>
      <Link
        className="template__use"
        to={`/proposals/from-template?template=${encodeURIComponent(template.templateId)}`}
        aria-label={t('templates.useNamed', { title: template.title })}
      >
        {t('templates.use')}
      </Link>
    </li>
  );
}

/** "(from your baseline, +10 points)", "(to 99.9 %)". */
function TargetRuleText({ keyResult }: { readonly keyResult: TemplateKeyResult }) {
  const { t } = useTranslation('learning');
  const format = useFormat();
  const { target, metric } = keyResult;
  const direction = t(`directions.${metric.direction}`);
  const text =
    target.kind === 'by'
      ? t('rules.by', { direction, amount: format.number(target.amount, 2), unit: metric.unit })
      : target.kind === 'by-percent'
        ? t('rules.byPercent', { direction, percent: format.number(target.percent, 2) })
        : t('rules.to', { target: format.number(target.target, 2), unit: metric.unit });
  return <span className="template__rule">({text})</span>;
}
