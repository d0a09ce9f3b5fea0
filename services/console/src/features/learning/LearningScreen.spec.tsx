import { screen, waitFor } from '@testing-library/react';
import i18n from '../../i18n';
import { renderWithConsole, stubApi } from '../../testing/render';
import { LearningScreen } from './LearningScreen';

const template = (language: 'en' | 'nl') => ({
  templateId: 'improve-customer-satisfaction',
  category: 'customers',
  language,
  title: language === 'en' ? 'Improve customer satisfaction' : 'Klanttevredenheid verbeteren',
  description: '',
  suggestedKind: 'committed',
  keyResults: [
    {
      index: 0,
      title: language === 'en' ? 'Raise NPS' : 'NPS verhogen',
      metric: { type: 'number', unit: 'points', direction: 'increase' },
      target: { kind: 'by', amount: 10 },
      weight: 2,
    },
  ],
  guidance: '',
});

describe('learning', () => {
  it('lists templates with a way to use each, and the training material', async () => {
    stubApi({
      '/api/goals/templates': [template('en')],
      '/api/goals/training': [
        { moduleId: 'what-is-an-okr', title: 'What is an OKR?', body: 'Where you want to go.' },
      ],
    });
    renderWithConsole(<LearningScreen />, { path: '/learning' });
    expect(await screen.findByRole('heading', { name: 'What is an OKR?' })).toBeInTheDocument();
    expect(await screen.findByText('(raise by 10 points from your baseline)')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Use this template: Improve customer satisfaction' }),
    ).toHaveAttribute('href', '/proposals/from-template?template=improve-customer-satisfaction');
  });

  it('asks the library in Dutch when the console speaks Dutch', async () => {
    await i18n.changeLanguage('nl');
    const { fetchStub } = stubApi({
      '/api/goals/templates': [template('nl')],
      '/api/goals/training': [],
    });
    renderWithConsole(<LearningScreen />, { path: '/learning' });
    expect(
      await screen.findByRole('heading', { name: 'Klanttevredenheid verbeteren' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(fetchStub).toHaveBeenCalledTimes(2));
    for (const [, init] of fetchStub.mock.calls) {
      expect((init?.headers as Record<string, string>)['Accept-Language']).toBe('nl');
    }
  });
});
