import { describe, expect, it } from 'vitest';
import { compileChecklist, readDefaultSchema } from '../src/checklist/load.js';
import { lintText } from './helpers.js';

const doc = (sections: Record<string, string>) => `# System\n\n${Object.entries(sections).map(([h, body]) => `## ${h}\n\n${body}\n`).join('\n')}`;
const state = (item: string, sections: Record<string, string>) => lintText(doc(sections)).checklist[item];
/** One section of a Russian document; the closing sentence makes sure its language is told right. */
const ruState = (item: string, heading: string, body: string) =>
  lintText(`# Система\n\n## ${heading}\n\n${body} Это нужно для того, чтобы сервис отвечал быстро и мы не теряли пользователей.\n`).checklist[item];

describe('a sentence states a fact only when it commits to it', () => {
  it.each([
    ['a plain commitment', 'The p99 latency budget is 120 ms.', 'present'],
    ['a hedge', 'The p99 latency budget is roughly 120 ms.', 'weak'],
    ['a number not yet agreed', 'A p99 latency of 120 ms was floated but is not yet agreed.', 'weak'],
    ['a deferral', 'We will define the p99 latency of about 120 ms later on.', 'weak'],
    ['a question', 'Is a p99 latency of 120 ms enough?', 'weak'],
    ['template guidance', 'Describe the p99 latency budget, for example 120 ms.', 'weak'],
  ])('latency: %s', (_name, body, expected) => {
    expect(state('latency-budget', { 'Latency budget': body })).toBe(expected);
  });

  it.each([
    ['a negation', 'There is no drift monitoring yet, PSI is not tracked.'],
    ['a deferral', 'We will add dashboards and a PSI alert later.'],
  ])('drift: %s is not substance', (_name, body) => {
    expect(state('drift-monitoring', { 'Drift monitoring': body })).toBe('weak');
  });

  it('takes any sentence that ends in a question mark as a question', () => {
    expect(state('serving-mode', { 'Prediction pipeline': 'Online vs. batch prediction?' })).toBe('weak');
    expect(state('serving-mode', { 'Prediction pipeline': 'Online prediction behind a REST endpoint.' })).toBe('present');
  });

  it('takes "where possible" as a hedge, as "if needed" is', () => {
    expect(state('labels', { Labels: 'Fraud cases are confirmed by analysts where possible.' })).toBe('weak');
    expect(state('labels', { Labels: 'Fraud cases are confirmed by analysts within a week.' })).toBe('present');
    expect(ruState('labels', 'Разметка', 'Разметка выполняется экспертами по возможности.')).toBe('weak');
    expect(ruState('labels', 'Разметка', 'Разметка выполняется экспертами раз в неделю.')).toBe('present');
  });

  it('takes what is usual in general as a hedge in Russian, as "usually" is in English', () => {
    expect(state('latency-budget', { 'Latency budget': 'Such services usually answer within 200 ms.' })).toBe('weak');
    expect(ruState('latency-budget', 'Задержка', 'Такие сервисы обычно отвечают не более чем за 200 мс.')).toBe('weak');
    expect(ruState('latency-budget', 'Задержка', 'Как правило, ответ приходит не более чем за 200 мс.')).toBe('weak');
    expect(ruState('latency-budget', 'Задержка', 'Сервис отвечает не более чем за 200 мс.')).toBe('present');
  });

  it("keeps a question's parenthesis in the question", () => {
    expect(state('metrics', { Evaluation: 'What are the business-facing metrics? (CTR, revenue lift, etc.)' })).toBe('weak');
  });

  it.each([
    ['an error metric by its letters', 'Offline, we compare models on RMSPE.'],
    ['F1Score written as one word', 'The model achieved an F1Score of 0.61 on the holdout.'],
    ['whatever the metric is said to be', 'Business KPI: average order value.'],
    ['a named coefficient', 'Main metric is the Gini coefficient.'],
    ['any measure at a cut-off', 'On the held-out tasks the adapter reaches a Pass@1 of 0.31.'],
    ['a share before the measure', 'The classifier reaches 98.3% test accuracy.'],
    ['a measure said to be a number', 'The overall validation accuracy was approximately 90%.'],
    ['accuracy named with the split it is measured on', 'Each candidate logs its test accuracy to the tracker.'],
  ])('metrics: %s names a metric', (_name, body) => {
    expect(state('metrics', { Goals: body })).toBe('present');
  });

  it('metrics: a share of anything names a metric in Russian, as "share of" does in English', () => {
    expect(ruState('metrics', 'Метрики', 'Качество согласия: доля совпадений оценки модели с итоговой.')).toBe('present');
    expect(state('metrics', { Metrics: 'Agreement: the share of matches between the model and the final grade.' })).toBe('present');
  });

  it('does not take what a metric is called in general for a metric', () => {
    expect(state('metrics', { Retrieval: 'Chunks are ranked by cosine similarity to the query.' })).not.toBe('present');
    expect(state('metrics', { Team: 'The ME team in Berlin owns the pipeline.' })).not.toBe('present');
    expect(state('metrics', { Team: 'Write to ml@10x.example.com for access.' })).not.toBe('present');
    expect(state('metrics', { Goals: 'Metrics are important for this project.' })).toBe('weak');
    expect(state('metrics', { Goals: 'The metric is to be decided with the business.' })).toBe('weak');
    // the error family's letters in lower case are a word: "male" is no MALE
    expect(state('metrics', { Users: 'Most of the early users are younger and male.' })).not.toBe('present');
    expect(state('metrics', { Goals: 'Offline, we compare models on RMSLE.' })).toBe('present');
    expect(state('metrics', { Goals: 'Each candidate is judged on accuracy and cost.' })).not.toBe('present');
  });

  it('metrics: mAP is the metric only as written, never the verb "Map"; the F-beta family names a metric', () => {
    expect(state('metrics', { Ingestion: 'Map the raw survey columns to readable names.' })).not.toBe('present');
    expect(state('metrics', { Detection: 'The detector is compared on mAP over the held-out images.' })).toBe('present');
    expect(state('metrics', { Triage: 'The classifier threshold is F2-optimized, since a missed case costs more.' })).toBe('present');
    expect(state('metrics', { Triage: 'We tune for F0.5 so that alerts stay precise.' })).toBe('present');
    expect(state('metrics', { Triage: 'Candidates are ranked by their F-beta score on the holdout.' })).toBe('present');
    expect(state('metrics', { Shortcuts: 'Press f2 to rename the file.' })).not.toBe('present');
  });

  it('metrics: a compound with a hyphen ("metric-based") says what a metric is not', () => {
    expect(state('metrics', { Evaluation: 'A metric-based grader is fast but shallow.' })).toBe('weak');
    expect(ruState('metrics', 'Оценка модели', 'Подход KPI-ориентированный, без ручных проверок.')).toBe('weak');
    expect(state('metrics', { Evaluation: 'Primary metric - recall on the fraud class.' })).toBe('present');
  });

  it('metrics: the quality of what the model does (классификации, рекомендаций) is a mention, as the quality of the model is', () => {
    expect(ruState('metrics', 'Проверка', 'Качество классификации проверяем на отложенной выборке.')).toBe('weak');
    expect(ruState('metrics', 'Проверка', 'Качество рекомендаций сравниваем с текущей выдачей.')).toBe('weak');
    expect(ruState('metrics', 'Проверка', 'Сервис проверяем на отложенной выборке.')).toBe('absent');
  });

  it('metrics: "в качестве модели" says "as the model", not the quality of the model', () => {
    expect(ruState('metrics', 'Решение', 'В качестве модели используем градиентный бустинг над деревьями.')).toBe('absent');
    expect(ruState('metrics', 'Решение', 'Качество модели проверяем на отложенной выборке.')).toBe('weak');
  });

  it("reads a label a block opens with by the sentence after it: a question there is guidance", () => {
    expect(state('metrics', { Goals: '- **Success metric**: how will we know the goal is met?' })).toBe('weak');
    expect(state('metrics', { Goals: '- **Success metric**: recall at a 1% false alarm budget.' })).toBe('present');
  });

  it('reads a menu of metrics per problem type, or metrics "if available", as a template\'s', () => {
    expect(state('metrics', { Evaluation: '- Classification: precision, recall, F1\n- Regression: MAE, RMSE' })).toBe('weak');
    expect(state('metrics', { Operations: 'Metrics (if available): rerank hit rate, latency.' })).toBe('weak');
  });

  it('reads examples that end in "etc." as illustrating a kind, not choosing', () => {
    expect(state('metrics', { Evaluation: 'Offline measures such as precision, recall, ranking loss, etc. differ from live ones.' })).toBe('weak');
    expect(state('metrics', { Evaluation: 'Offline we report precision and recall at the chosen threshold.' })).toBe('present');
    expect(ruState('metrics', 'Метрики', 'Считаем метрики, например, точность, полноту и т. д.')).toBe('weak');
    expect(ruState('metrics', 'Метрики', 'Считаем точность и полноту на отложенной выборке.')).toBe('present');
  });

  it('reads a label a block opens with as framing its sentences, as a heading does', () => {
    expect(state('serving-mode', { 'Intended use': '- **Not intended for**: real-time serving behind an API.' })).toBe('weak');
    expect(state('serving-mode', { 'Intended use': '- **Deployment**: real-time serving behind an API.' })).toBe('present');
  });

  it('reads "would allow us to" as a hypothetical, not a plan', () => {
    expect(state('drift-monitoring', { Monitoring: 'Monitoring would allow us to track the accuracy of the model over time.' })).toBe('weak');
  });

  it('does not end a sentence at "e.g."', () => {
    expect(state('latency-budget', { 'Latency budget': 'Describe the budget, e.g. p99 under 120 ms.' })).toBe('weak');
  });

  it('hears a quality regression as a drift mention: weak, never present alone', () => {
    expect(state('drift-monitoring', { Goals: 'Dashboards help us understand retrieval quality regressions.' })).toBe('weak');
    expect(state('drift-monitoring', { Testing: 'Unit tests guard against regressions in the parser.' })).toBe('absent');
  });

  it('holds nothing in a section deferred past the first release', () => {
    expect(state('metrics', { Scope: 'A retrieval service for the knowledge base.', 'Evaluation (post-MVP)': 'Retrieval recall and precision on a labelled query set.' })).toBe('weak');
  });

  it('holds nothing in a section headed as future work', () => {
    expect(state('drift-monitoring', { 'Drift monitoring': 'Not covered here.', 'Future work': 'Daily PSI on the top features; alert the owner when PSI > 0.2 and retrain.' })).toBe('weak');
  });

  it('holds nothing in a section headed as a later phase, in either language', () => {
    expect(state('serving-mode', { 'Subsequent phases': 'Phase 4: package the model as an HTTP inference service behind a load balancer.' })).toBe('weak');
    expect(state('serving-mode', { 'Phase 2': 'Package the model as an HTTP inference service behind a load balancer.' })).toBe('present');
    expect(ruState('serving-mode', 'Следующие этапы', 'Модель отвечает на каждый запрос через REST API.')).toBe('weak');
  });

  it('holds nothing in the out-of-scope half of a Russian scope, as under "Out of scope"', () => {
    expect(ruState('serving-mode', '3.2 Не входит в скоуп (пока)', 'Модель отвечает на каждый запрос через REST API.')).toBe('weak');
    expect(ruState('serving-mode', 'Не входит', 'Модель отвечает на каждый запрос через REST API.')).toBe('weak');
    expect(ruState('serving-mode', 'Что входит в скоуп, что не входит', 'Модель отвечает на каждый запрос через REST API.')).toBe('present');
  });

  it('holds nothing under a bold label that only defers: "**Future:**" over a list', () => {
    const monitoring = (label: string) => lintText(`# System\n\n## Monitoring\n\n**Implemented:**\n- MLflow experiment tracking\n\n**${label}**\n- Evidently AI for data drift\n- Retraining when PSI > 0.2\n`).checklist['drift-monitoring'];
    expect(monitoring('Future:')).toBe('weak');
    expect(monitoring('Drift checks:')).toBe('present');
    expect(ruState('drift-monitoring', 'Мониторинг', '\n\n**В планах:**\n- Evidently для дрейфа данных, переобучение при PSI > 0.2\n\n')).toBe('weak');
  });

  it('holds nothing after a bold label that defers, with its colon inside the bold or after it', () => {
    const monitoring = (label: string) => lintText(`# System\n\n## Monitoring\n\n- **Implemented:** MLflow experiment tracking.\n- ${label} daily PSI on the top features; alert the owner when PSI > 0.2 and retrain.\n`).checklist['drift-monitoring'];
    expect(monitoring('**Future enhancements:**')).toBe('weak');
    expect(monitoring('**Future enhancements**:')).toBe('weak');
    expect(monitoring('**Drift checks:**')).toBe('present');
  });

  it('holds nothing about this system in a list of references', () => {
    expect(state('serving-mode', { Model: 'A gradient-boosted ranker.', References: '- Uber Michelangelo: real-time feature serving and online predictions.' })).toBe('weak');
    expect(state('serving-mode', { Model: 'A gradient-boosted ranker.', Serving: 'Online predictions behind a REST endpoint.' })).toBe('present');
    expect(ruState('serving-mode', 'Список литературы', 'Статья о пакетном скоринге по расписанию в Airflow.')).toBe('weak');
  });

  it('reads "not optimized for" as a negation', () => {
    expect(state('serving-mode', { 'Intended use': 'The model is not optimized for real-time inference.' })).toBe('weak');
    expect(state('serving-mode', { 'Intended use': 'The model is optimized for real-time inference.' })).toBe('present');
  });

  it.each([
    ['latency-budget', 'Overview', 'The tool will speed up the process of drafting replies.'],
    ['latency-budget', 'Overview', 'Training speed matters less than quality.'],
    ['leakage-checks', 'Testing', 'We ran out of time to add more tests.'],
    ['leakage-checks', 'Testing', 'The load test checks for memory leaks over a long conversation.'],
    ['leakage-checks', 'Security', 'Every query is filtered by organisation to avoid cross-tenant leakage.'],
    ['leakage-checks', 'Storage', 'Events tables are partitioned by date for efficient querying.'],
    ['leakage-checks', 'Fairness', 'Adversarial debiasing prevents protected attribute leakage.'],
    ['leakage-checks', 'Security', 'Stack traces must never leak into error messages.'],
    ['leakage-checks', 'Streaming', 'One Kafka topic with 12 partitions, sharded by customer id.'],
    ['labels', 'Usability', 'Add button labels and help text to the form.'],
    ['labels', 'Transcription', 'Speaker diarization identifies and labels different speakers in a call.'],
    ['drift-monitoring', 'Overview', 'The system monitors support conversations and escalates angry customers to a human.'],
    ['serving-mode', 'Use cases', 'Live in-game betting needs real-time data from the league.'],
    ['serving-mode', 'Limitations', 'The model does not use real-time weather or inventory.'],
    ['serving-mode', 'Compute', 'Describe the compute requirements for training and inference.'],
  ])('%s: a word in another sense is no mention (%s: "%s")', (item, heading, body) => {
    expect(state(item, { [heading]: body })).toBe('absent');
  });

  it.each([
    ['latency-budget', 'Скорость обучения модели важнее качества на первом этапе.'],
    ['latency-budget', 'Во время инференса на вход модели подаётся текст заявки.'],
    ['latency-budget', 'Модель прогнозирует отклик клиента на скидку.'],
  ])('%s: a Russian word in another sense is no mention ("%s")', (item, body) => {
    expect(ruState(item, 'Обзор', body)).toBe('absent');
  });

  it('reads container labels and timestamps as no Russian label definition', () => {
    expect(ruState('labels', 'Сборка', 'Сервис устанавливает метки контейнера: `mlflow_model`, `mlflow_version`.')).not.toBe('present');
    expect(ruState('labels', 'Данные', 'Целевая переменная: `is_fraud`, метка из отчётов банка о мошенничестве.')).toBe('present');
  });

  it('reads a diagnosis made, not diagnostics of a run, as a label source', () => {
    expect(state('labels', { Labels: 'We keep run diagnostics for every training job.' })).toBe('weak');
    expect(state('labels', { Labels: 'Each scan carries the confirmed diagnosis from the clinic record.' })).toBe('present');
  });

  it('reads Russian targeting (таргетинг, таргетированная реклама) as no mention of the target', () => {
    expect(ruState('labels', 'Маркетинг', 'Таргетированная реклама показывается молодым родителям.')).toBe('absent');
    expect(ruState('labels', 'Таргетинг', 'Кампании настраивает отдел маркетинга.')).toBe('absent');
    expect(ruState('labels', 'Данные', 'Таргет берётся из выгрузки заказов.')).not.toBe('absent');
  });

  it('reads Russian pairs (пары) built, not parameters (параметры), as a generated label set', () => {
    expect(ruState('labels', 'Разметка', 'Составляем параметры запроса к сервису котировок.')).toBe('weak');
    expect(ruState('labels', 'Разметка', 'Составляем пары вопрос и абзац из базы знаний.')).toBe('present');
  });

  it('reads a word in a label by the sentence the label opens: "**Переобучение**:" over regularisation is overfitting', () => {
    expect(ruState('drift-monitoring', 'Риски', '- **Переобучение**: для предотвращения переобучения используем регуляризацию.')).toBe('absent');
    expect(state('drift-monitoring', { Risks: '- **Monitoring**: GPU memory and queue length on one dashboard.' })).toBe('absent');
    expect(ruState('drift-monitoring', 'Риски', '- **Переобучение**: модель переобучаем каждую неделю на свежих данных.')).toBe('weak');
  });

  it("reads throughput or a pipeline's run time as no latency: latency is how long a request waits", () => {
    expect(state('latency-budget', { Capacity: 'Processing speed: 400 transactions per second at peak.' })).toBe('absent');
    expect(ruState('latency-budget', 'Нагрузка', 'Скорость обработки до 400 транзакций/сек.')).toBe('absent');
    expect(state('latency-budget', { Capacity: 'p99 latency of 80 ms at 1,000 requests per second.' })).toBe('present');
    expect(state('latency-budget', { Plan: 'Define pipeline component latencies and automate the pipeline.' })).toBe('absent');
    // The item named outright is still spoken of, beside a throughput or a pipeline.
    expect(state('latency-budget', { Capacity: 'Latency should be low even at 1,000 requests per second.' })).toBe('weak');
    expect(state('latency-budget', { Plan: 'Serving latency must stay low; the pipeline latency matters less.' })).toBe('weak');
  });

  it('reads a cadence, how often something runs, as no latency', () => {
    expect(state('latency-budget', { Serving: 'Predictions are refreshed every 10 minutes.' })).toBe('absent');
    expect(state('latency-budget', { Serving: 'Inference runs on a 15-minute schedule.' })).toBe('absent');
    expect(ruState('latency-budget', 'Инференс', 'Прогнозы инференса обновляются каждые 10 минут.')).toBe('absent');
    expect(state('latency-budget', { Serving: 'Predictions are returned within 2 seconds.' })).toBe('present');
  });

  it('takes no heading for the item when its head word is in another sense', () => {
    expect(state('leakage-checks', { 'Memory leak tests': 'A thousand conversations run in a loop while the heap is sampled.' })).toBe('absent');
    expect(state('leakage-checks', { 'Leakage tests': 'A thousand conversations run in a loop while the heap is sampled.' })).toBe('weak');
  });

  it("takes no fact from a sentence about what the item is not, even in the item's own section", () => {
    expect(state('drift-monitoring', { 'Drift monitoring': 'Alert the on-call when p99 latency exceeds 120 ms for 5 minutes.' })).toBe('weak');
    expect(state('drift-monitoring', { 'Drift monitoring': 'Alert the on-call when the PSI of a top feature exceeds 0.2 for two days.' })).toBe('present');
  });

  it("takes a threshold on the model's own score or probability for a decision, not a drift alert", () => {
    expect(state('drift-monitoring', { Alerts: '- Amber alert: risk score > 60 for the account.\n- Red alert: default probability above 0.8.' })).toBe('weak');
    expect(state('drift-monitoring', { Alerts: '- Amber alert: PSI > 0.2 on any top feature.' })).toBe('present');
  });

  it('takes no fact from a sentence whose label names what the item is not', () => {
    expect(state('drift-monitoring', { 'Drift monitoring': '- **Response time**: page the on-call if p95 > 300 ms for ten minutes.' })).toBe('weak');
    expect(state('drift-monitoring', { Alerts: '- **Feature drift**: page the on-call if PSI > 0.2 for two days.' })).toBe('present');
  });

  it('reads a real-time factor as the latency of speech', () => {
    expect(state('latency-budget', { 'Latency budget': 'Real-time factor (RTF) below 0.3 on one CPU core.' })).toBe('present');
    expect(state('latency-budget', { Model: 'The model is judged on word error rate and RTF.' })).toBe('weak');
  });

  it('reads a time under a second as a latency without a word for it', () => {
    expect(state('latency-budget', { Benchmark: '| Model | CPU | GPU |\n|---|---|---|\n| NER | 50ms | 12ms |' })).toBe('present');
    expect(state('latency-budget', { Benchmark: '| Model | CPU | GPU |\n|---|---|---|\n| NER | 5 s | 2 s |' })).toBe('absent');
  });

  it('reads a latency whose unit is in its key', () => {
    expect(state('latency-budget', { Alerts: '| Latency degradation | `latency_p95_ms > 3000` | page the owner |' })).toBe('present');
    expect(state('latency-budget', { Alerts: '| Latency degradation | `latency_p95 > 3000` | page the owner |' })).toBe('weak');
  });

  it('hears a model kept fresh as a mention of drift, not a mechanism', () => {
    expect(state('drift-monitoring', { Operations: 'We keep refreshing the model with the latest impressions at regular intervals.' })).toBe('weak');
    expect(ruState('drift-monitoring', 'Эксплуатация', 'Раз в месяц проводится обновление модели на свежих данных.')).toBe('weak');
  });

  it('hears a split by time or by group as a hint of leakage checks, a random split as none', () => {
    expect(state('leakage-checks', { Evaluation: 'We use time-series cross-validation with five folds.' })).toBe('weak');
    expect(state('leakage-checks', { Evaluation: 'Patients are split with a group k-fold.' })).toBe('weak');
    expect(state('leakage-checks', { Evaluation: 'We use a random 80/20 train/test split.' })).toBe('absent');
    expect(ruState('leakage-checks', 'Валидация', 'Разбиваем данные на train и test с учётом времени.')).toBe('weak');
  });

  it('reads a group splitter named as its class, an OOT sample and information from the future as leakage words', () => {
    expect(state('leakage-checks', { Evaluation: 'Folds are drawn with StratifiedGroupKFold over the store id.' })).toBe('weak');
    expect(state('leakage-checks', { Evaluation: 'Folds are drawn with GroupShuffleSplit over the store id.' })).toBe('weak');
    expect(state('leakage-checks', { Leakage: 'Folds are drawn with StratifiedGroupKFold over the store id.' })).toBe('present');
    expect(state('leakage-checks', { Evaluation: 'Final scores come from an OOT sample of the last quarter.' })).toBe('weak');
    expect(ruState('leakage-checks', 'Валидация', 'Итоговые метрики считаем на OOT-выборке за последний квартал.')).toBe('weak');
    expect(state('leakage-checks', { Evaluation: 'A model that sees information from the future scores too well offline.' })).toBe('weak');
    expect(state('leakage-checks', { Roadmap: 'Usage data from the future release will feed the dashboard.' })).toBe('absent');
  });

  it('hears a later quarter or year held out as a time split, as a later month is', () => {
    expect(state('leakage-checks', { Evaluation: 'The test set covers the most recent quarter of orders.' })).toBe('weak');
    expect(state('leakage-checks', { Evaluation: 'To rule out leakage, the test set covers the most recent quarter of orders.' })).toBe('present');
  });

  it('hears a hint in a code or config block as in prose: a model card kept as a fenced template', () => {
    const card = '```markdown\n- **Holdout**: 5% of stores\n- **Temporal gap**: 14 days\n```';
    expect(state('leakage-checks', { 'Model card': card })).toBe('weak');
    expect(state('leakage-checks', { 'Model card': '```markdown\n- **Holdout**: 5% of stores, drawn at random\n```' })).toBe('absent');
  });

  it('hears a model that keeps learning, or is evaluated again, as a hint of drift monitoring', () => {
    expect(state('drift-monitoring', { Pipeline: 'A continual learning pipeline fine-tunes on new data each week.' })).toBe('weak');
    expect(state('drift-monitoring', { Reliability: 'Nightly evaluation of NDCG against the labelled query sets.' })).toBe('weak');
    expect(ruState('drift-monitoring', 'Развитие', 'Планируется дообучение на новых данных.')).toBe('weak');
  });

  it('reads an alert on a decline in quality as a drift trigger and action', () => {
    expect(state('drift-monitoring', { Operations: 'The on-call is paged on a drop in precision below the weekly baseline.' })).toBe('present');
    expect(ruState('drift-monitoring', 'Эксплуатация', 'Настроены автоматические алерты при снижении точности модели.')).toBe('present');
  });

  it('still hears the words in their own sense', () => {
    expect(state('latency-budget', { Overview: 'Speed matters: the page waits for the ranking.' })).toBe('weak');
    expect(state('leakage-checks', { Validation: 'Out-of-time validation on the last month.' })).not.toBe('absent');
    expect(state('leakage-checks', { Validation: 'Regenerated splits use time-aware partitioning by date.' })).not.toBe('absent');
    expect(ruState('latency-budget', 'Обзор', 'Важен быстрый отклик сервиса.')).toBe('weak');
    expect(ruState('latency-budget', 'Обзор', 'Скорость работы сервиса важна.')).toBe('weak');
  });

  it("takes a heading on a customer's response (отклик) for no latency section; the system's response is one", () => {
    expect(ruState('latency-budget', 'Отклик клиентов на рассылку', 'Откликнулись около 12% получателей.')).toBe('absent');
    expect(ruState('latency-budget', 'Время отклика', 'Не более 300 мс на запрос.')).toBe('present');
  });

  it('takes the line that introduces a list as what its items are about, as a heading is', () => {
    const doc = (lead: string) => `# System\n\n## Approach\n\n${lead}\n1) Descriptions found in the text. Precision - 90%.\n2) Words found correctly. Recall - 80%.\n\n## Evaluation\n\nThe pilot is judged by feedback.\n`;
    expect(lintText(doc('Target metrics of the model:')).checklist['metrics']).toBe('present');
    expect(lintText(doc('What the model does:')).checklist['metrics']).toBe('weak');
  });

  it('takes the label a paragraph or list item opens with as what its sentences are about', () => {
    expect(state('latency-budget', { Performance: '- **Response time**: under 2 seconds for a forecast.' })).toBe('present');
    expect(state('latency-budget', { Evaluation: 'Latency: we measure the time to the first token. Target < 5 s.' })).toBe('present');
    expect(state('latency-budget', { Evaluation: 'Coverage: we measure the share of answered questions. Target < 5 s.' })).toBe('absent');
  });

  it('reads a metric followed by a number of two or more digits', () => {
    expect(state('metrics', { Pilot: 'The pilot passes with Precision - 90% on held-out articles.' })).toBe('present');
  });

  it('reads a trigger and its action written with an arrow', () => {
    expect(state('drift-monitoring', { Monitoring: '- Agent approval rate drops by half → investigate the last release' })).toBe('present');
  });

  it.each([
    ['an outcome in a window', 'We predict whether a customer stops using the product within 90 days of the first use.'],
    ['a column picked as the target', "The 'churn' column of the telco export was picked as the target."],
    ['experts correcting outputs', 'Subject matter experts edit the generated reports; their edits become the golden set.'],
    ['labels mined from reports', 'Labels were text-mined from radiology reports with a rule-based NLP tool.'],
    ['a system handing over the outcomes', 'After 30 days the CRM provides the actual labels (responded or not).'],
    ['a target computed from records', 'The target is computed as total units sold over the next 7 days.'],
    ['a Russian target computed from records', 'Для таргета мы будем рассчитывать общее количество продаж за следующие N дней.'],
    ['an outcome defined by what happened', 'Churn is defined as no login for 30 consecutive days.'],
    ['a field used as the label', 'We use the star rating the user leaves after the ride as the label.'],
    ['a record named as the target', 'Support agents resolve each ticket and their resolution code is the target.'],
    ['the signal as an event', 'The training signal is whether the user clicked.'],
    ['positives and negatives by what happened', 'Clicks are positives; skipped items are negatives.'],
    ['raters grading', 'Relevance is graded 0-3 by trained raters following our guidelines.'],
    ['outcomes pulled from a system', 'Outcomes are pulled from the loan servicing system 90 days after origination.'],
    ['decisions people made', 'The model learns from past routing decisions made by dispatchers.'],
    ['a class by the condition that makes it', 'A video is relevant if a user presses like or watches at least half of it.'],
    ['a target computed in code', '```python\ntargets[prop] = (data[actual_col] > data[line_col]).astype(int)\n```'],
    ['a class by the event that decides it', 'A transaction counts as fraudulent when the cardholder files a dispute.'],
    ['a team confirming the outcome', 'We train on historical transactions where fraud was confirmed by the investigations team.'],
    ['a Russian outcome defined by what happened', 'Клиент считается ушедшим, если не совершал покупок 30 дней.'],
    ['a target variable with what makes it', '**Target variable**: `late = delivered_at - promised_at > 0`'],
    ['a column of the data marked as the target', '| `units_sold` | units sold per store and week (target) |\n|---|---|'],
  ])('labels: %s says where ground truth comes from', (_name, body) => {
    expect(state('labels', { Data: body })).toBe('present');
  });

  it('labels: predictions compared with the actual outcomes name where ground truth comes from', () => {
    expect(state('labels', { Data: 'Predicted yields are compared with the real harvest results of each farm.' })).toBe('present');
    expect(state('labels', { Data: 'The scorecard was validated against actual loan performance.' })).not.toBe('present');
  });

  it('labels: the actual value a model predicts or estimates is its target, not the recorded actuals', () => {
    expect(state('labels', { Model: 'The regressor estimates the actual arrival time of each bus.' })).not.toBe('present');
    expect(state('labels', { Model: 'The regressor learns from the actual arrival times of each bus.' })).toBe('present');
  });

  it('labels: reinforcement learning from human feedback names a method, not a label source', () => {
    expect(state('labels', { Training: 'We fine-tune the grader with reinforcement learning from human feedback.' })).toBe('weak');
    expect(state('labels', { Training: 'Human feedback on each graded answer is stored with the answer.' })).toBe('present');
  });

  it('labels: ground truth that comes late says when, not where it comes from', () => {
    expect(state('labels', { Monitoring: 'Because ground truth comes late, we watch the score distribution.' })).not.toBe('present');
    expect(state('labels', { Monitoring: 'Ground truth comes two weeks later from the payments ledger.' })).toBe('present');
  });

  it('labels: the label values listed with commas after a colon, not an argument list in plotting code', () => {
    expect(state('labels', { Data: 'Labels: accept, dismiss, escalate.' })).toBe('present');
    expect(state('labels', { Data: 'Labels: accept or dismiss.' })).toBe('present');
    expect(state('labels', { Data: 'plt.plot(x, y, label="recall", alpha=0.5)' })).not.toBe('present');
  });

  it('serving: a statement of how the model runs counts wherever it stands; a mode word in passing does not', () => {
    expect(state('serving-mode', { Interface: '- **FastAPI**: a REST API that exposes the assistant to other applications.' })).toBe('present');
    expect(state('serving-mode', { Summary: 'Privacy first: all inference happens on the user\'s device.' })).toBe('present');
    expect(state('serving-mode', { Notes: 'Developers fix issues at once and do not wait for the batch.' })).toBe('absent');
  });

  it.each([
    ['audit sampling', 'A sample of 200 predictions per week is reviewed by analysts to estimate precision.'],
    ['a live metric once labels arrive', 'Online accuracy is computed daily once labels arrive.'],
    ['predictions joined with outcomes', 'We log predictions and join them with outcomes after 30 days to track AUC.'],
    ['distributions against training', 'Feature distributions are checked nightly against the training set.'],
    ['an alert on a change in the output', 'An alert fires when the share of flagged transactions doubles week over week.'],
    ['predictions diverging from actuals', "Model drift: we monitor whether the model's predictions diverge from actual click rates."],
    ['quality tracked on new data', 'We track precision and recall on new incoming data to catch a degradation.'],
    ['a rolling metric against the baseline', 'Drift detection compares the rolling-window F1 against the offline baseline.'],
    ['Russian: distributions against training', 'Раз в неделю сравниваем распределения признаков с обучающей выборкой.'],
    ['Russian: a trigger on a metric written in Latin letters', 'Если MAPE превышает 15%, модель переобучается.'],
  ])('drift: %s is a detection mechanism', (_name, body) => {
    expect(state('drift-monitoring', { Operations: body })).toBe('present');
  });

  it('drift: a Russian metric computed once the actuals arrive is a detection mechanism, as in English', () => {
    expect(ruState('drift-monitoring', 'Эксплуатация', 'MAPE пересчитывается каждую неделю при наличии фактических данных о продажах.')).toBe('present');
    expect(ruState('drift-monitoring', 'Эксплуатация', 'Точность вычисляется, когда поступят истинные метки от операторов.')).toBe('present');
  });

  it.each([
    ['scores on a schedule', 'Scores are computed nightly and written to a table the CRM reads.'],
    ['a synchronous call', 'The checkout service calls the model synchronously.'],
    ['an endpoint path', 'Each request from the app hits the /predict endpoint.'],
    ['a scheduled DAG', 'Predictions are generated in a nightly Airflow DAG.'],
    ['the browser', "The model runs in the user's browser via ONNX Runtime Web."],
    ['a model queried on an event', 'The recommender is queried when the home page loads.'],
    ['each event from a queue', 'A Lambda function scores each event from the queue.'],
    ["a web framework's server", 'A production Flask server hosts the classifier behind a load balancer.'],
    ["a managed platform's endpoint", 'The search API reranks results through a SageMaker endpoint.'],
    ['a path named as an endpoint', 'Callers send a candidate set to the `/rank` endpoint.'],
    ['an API server', 'The mobile client talks to an API server that wraps the classifier.'],
    ['the model run on each event', 'The moderation classifier runs after every message a user sends.'],
    ['a decision on each event', 'A fraud decision is made on each incoming transaction.'],
    ['each new item screened', 'A moderation bot screens every new comment and hides the toxic ones.'],
    ['a browser extension', 'The classifier ships with our Chrome extension and flags pages as they open.'],
    ['a WebAssembly build', 'For the client, the tokenizer and model are compiled to WASM.'],
    ['the verb first: scores written to a table', 'The R script then uploads the scores to `crm.churn_scores_v2`.'],
    ['the verb first: predictions written back', 'A job writes the predictions back to the orders table.'],
    ['Russian: scores written to a table', 'Прогнозы каждую неделю записываются в таблицу, которую читает CRM.'],
    ['Russian: results loaded into a store', 'Результаты скоринга выгружаются в витрину данных для отдела продаж.'],
  ])('serving: %s states how the model runs, under any heading', (_name, body) => {
    expect(state('serving-mode', { Architecture: body })).toBe('present');
  });

  it('serving: a mode word that qualifies what is watched or attacked, a few words on, states no mode', () => {
    expect(state('serving-mode', { Monitoring: '- Real-time prediction latency monitoring' })).not.toBe('present');
    expect(state('serving-mode', { Monitoring: '- Real-time scoring error dashboards for the on-call team' })).not.toBe('present');
    expect(state('serving-mode', { Safety: 'The filter also helps against real-time adversarial attacks on the prompt.' })).not.toBe('present');
    expect(state('serving-mode', { Monitoring: '- Real-time prediction behind a REST endpoint, with latency monitoring' })).toBe('present');
  });

  it('serving: data that arrives in real time, as real-time data, states no mode', () => {
    expect(state('serving-mode', { Inference: 'After launch we get user feedback in real time from the app.' })).toBe('weak');
    expect(state('serving-mode', { Inference: 'Sensor data is streamed in real-time to the warehouse.' })).toBe('weak');
    expect(state('serving-mode', { Inference: 'The model returns predictions in real time for each new order.' })).toBe('present');
  });

  it('serving: curl piped to a shell installs a tool and sends no request to the model', () => {
    expect(state('serving-mode', { Setup: 'Install the command-line tool first: `curl -fsSL https://example.org/get.sh | bash`.' })).toBe('absent');
    expect(state('serving-mode', { Setup: 'Add the tool with `curl -sSL https://example.org/setup.sh | sudo sh` on each host.' })).toBe('absent');
    expect(state('serving-mode', { Usage: 'Score one ticket: `curl -X POST https://scorer.example.org/v1/score -d @ticket.json`.' })).toBe('present');
  });

  it('serving: an API server answers calls, in Russian too', () => {
    expect(ruState('serving-mode', 'Архитектура', 'Классификатор обёрнут в API-сервер, к которому обращается мобильный клиент.')).toBe('present');
  });

  it('serving: a model run inside the app or the browser, in Russian too', () => {
    expect(ruState('serving-mode', 'Ограничения', 'Классификатор запускается внутри браузера пользователя, сервер ему не нужен.')).toBe('present');
  });

  it('serving: what is computed on the fly or at each request is per-request, in Russian too', () => {
    expect(state('serving-mode', { Architecture: 'Candidate videos are ranked on the fly for the viewer.' })).toBe('present');
    expect(ruState('serving-mode', 'Архитектура', 'Рекомендации считаются «на лету» для каждого посетителя.')).toBe('present');
    expect(ruState('serving-mode', 'Архитектура', 'Скоринг заявки выполняется при каждом обращении менеджера.')).toBe('present');
    expect(ruState('serving-mode', 'Архитектура', 'Модель пересчитывает оценку в момент запроса клиента.')).toBe('present');
    expect(state('serving-mode', { Data: 'Features are renamed on the fly while loading the CSV.' })).not.toBe('present');
  });

  it('serving: a mode word beside what is served, in Russian the nouns English has (recommendations, ranking, page)', () => {
    expect(ruState('serving-mode', 'Развёртывание', 'Рекомендации строятся онлайн.')).toBe('present');
    expect(ruState('serving-mode', 'Развёртывание', 'Ранжирование выдачи идёт онлайн.')).toBe('present');
    expect(ruState('serving-mode', 'Развёртывание', 'Документация хранится онлайн в вики.')).not.toBe('present');
  });

  it('serving: a Telegram bot is an online mode in either script or shortened', () => {
    expect(ruState('serving-mode', 'Интерфейс', 'Пользователь присылает фото в Telegram бота и получает ответ модели.')).toBe('present');
    expect(ruState('serving-mode', 'Интерфейс', 'Пользователь присылает фото в тг-бот и получает ответ модели.')).toBe('present');
  });

  it('serving: a deployment in passing or deferred states no mode; a deployment tool implies one', () => {
    expect(state('serving-mode', { Architecture: 'We will deploy the model later.' })).toBe('absent');
    expect(state('serving-mode', { Architecture: 'The model is deployed with Docker.' })).toBe('weak');
    expect(state('serving-mode', { Demo: 'A Streamlit app lets analysts upload a CSV.' })).toBe('weak');
    expect(state('serving-mode', { Serving: 'The model is deployed on AWS Lambda.' })).toBe('weak');
    expect(ruState('serving-mode', 'Сервинг', 'Модель доступна через API.')).toBe('weak');
    expect(ruState('serving-mode', 'Сервинг', 'Модель отвечает на каждый запрос через REST API.')).toBe('present');
    expect(ruState('serving-mode', 'Архитектура', 'Модель проводит скоринг на ежемесячной основе.')).toBe('present');
    expect(ruState('serving-mode', 'Архитектура', 'Ответы отдаются через REST-интерфейс.')).toBe('present');
    expect(ruState('serving-mode', 'Архитектура', 'Рекомендательная система реализована на Flask.')).toBe('present');
  });

  it('drift: watching for drift, without saying how, is no mechanism', () => {
    expect(state('drift-monitoring', { Operations: 'We watch for drift.' })).toBe('weak');
    expect(state('drift-monitoring', { Monitoring: 'We track model performance over time.' })).toBe('weak');
    expect(state('drift-monitoring', { Evaluation: 'The scorecard reaches a KS statistic of 0.42 on the holdout.' })).toBe('absent');
  });

  it('drift: a target beside "monitoring" or "metrics" is no alert threshold; a number an alert or drift waits on is', () => {
    expect(state('drift-monitoring', { 'Post-deployment monitoring': 'Conversion should grow by more than 5%. The model is retrained every quarter.' })).toBe('weak');
    expect(state('drift-monitoring', { Operations: 'Key metrics: recall above 80%. The model is retrained every month.' })).toBe('weak');
    expect(state('drift-monitoring', { Monitoring: 'Page the owner when the PSI of a top feature goes above 0.2.' })).toBe('present');
    expect(state('drift-monitoring', { Monitoring: 'Alert when recall falls below 80%; the model is then retrained.' })).toBe('present');
  });

  it('drift: quality falling or error rising past a number is decay; quality above a number is a target', () => {
    expect(state('drift-monitoring', { Monitoring: 'Precision > 0.9 for all segments.' })).toBe('weak');
    expect(state('drift-monitoring', { Monitoring: 'Accuracy above 90% is expected.' })).toBe('weak');
    expect(state('drift-monitoring', { Monitoring: 'Accuracy below 85% in any week.' })).toBe('present');
    expect(state('drift-monitoring', { Monitoring: 'MAPE above 12% in any week.' })).toBe('present');
  });

  it('drift: naming data drift is no mechanism in Russian either, as in English', () => {
    expect(ruState('drift-monitoring', 'Риски', 'Дрейф данных со временем снизит качество модели.')).toBe('weak');
    expect(state('drift-monitoring', { Risks: 'Data drift will lower the quality of the model over time.' })).toBe('weak');
    expect(ruState('drift-monitoring', 'Мониторинг', 'Каждую неделю сравниваем распределения признаков с обучающей выборкой.')).toBe('present');
  });

  it('drift: a detection mechanism counts wherever it stands; a metric in passing does not', () => {
    expect(state('drift-monitoring', { Operations: 'Each week we compare predictions against actual fraud reports from the bank.' })).toBe('present');
    expect(state('drift-monitoring', { Operations: 'Each week we compare the two models on the same reports.' })).toBe('absent');
  });

  it('reads a decimal comma, and a comma between thousands', () => {
    const latencies = (body: string) => lintText(doc({ 'Latency budget': body })).model.items['latency-budget']?.facts.latencies?.map((f) => f.base);
    expect(latencies('Ответ за 1,25 секунды.')).toEqual([1250]);
    expect(latencies('The budget is 1,500 ms end to end.')).toEqual([1500]);
  });

  it('reads a number joined to its unit by a hyphen', () => {
    expect(state('latency-budget', { Serving: 'The service is built for sub-2-second latency per query.' })).toBe('present');
  });

  it('takes an appendix at its word: reference material is not deferred', () => {
    expect(state('labels', { Model: 'A CNN.', 'Appendix A: Dataset': '- Radiologist-verified ground truth for every image' })).toBe('present');
  });

  it('does not take the system generating answers, or experts rating them, for where Russian ground truth comes from', () => {
    expect(ruState('labels', 'Архитектура', 'Для генерации ответов используется YandexGPT.')).not.toBe('present');
    expect(ruState('labels', 'Архитектура', 'Качество ответов проходит оценку экспертами раз в неделю.')).not.toBe('present');
    expect(ruState('labels', 'Архитектура', 'Сервис возвращает ответ пользователю за секунду.')).not.toBe('present');
    expect(ruState('labels', 'Архитектура', 'Разметка выполняется экспертами-врачами по протоколу.')).toBe('present');
  });

  it('labels: what the model flagged is its output, not where Russian ground truth comes from', () => {
    expect(ruState('labels', 'Метрики', 'Precision — доля верных среди заявок, помеченных моделью как спам.')).not.toBe('present');
    expect(ruState('labels', 'Данные', 'Заявки помечены модераторами как спам по итогам проверки.')).toBe('present');
  });

  it('latency: "с" after a number is seconds, unless it is the preposition "with" before a word', () => {
    expect(ruState('latency-budget', 'Требования', 'Время ответа сервиса не более 1,5 с на запрос.')).toBe('present');
    expect(ruState('latency-budget', 'Требования', 'Без модели запрос к /predict вернёт код 503 с подсказкой.')).not.toBe('present');
  });

  it('applies the Russian lists to a Russian document', () => {
    expect(ruState('latency-budget', 'Задержка', 'Время ответа не более 200 мс.')).toBe('present');
    expect(ruState('latency-budget', 'Задержка', 'Время ответа примерно 200 мс.')).toBe('weak');
    expect(ruState('latency-budget', 'Задержка', 'Время ответа определим позже, возможно 200 мс.')).toBe('weak');
  });
});

describe("an item's own section decides its state", () => {
  it('a vague own section stays weak though the item is named in passing elsewhere', () => {
    const vague = { Metrics: 'We will measure model performance.', Features: 'Historical CTR per user and item, and the last ten clicks.' };
    expect(state('metrics', vague)).toBe('weak');
  });
  it('a sentence elsewhere that speaks of the item still counts', () => {
    const stated = { Metrics: 'We will measure model performance.', Launch: 'Success is measured by CTR in an A/B test, offline by NDCG@10.' };
    expect(state('metrics', stated)).toBe('present');
  });
  it('without a section of its own, a metric named anywhere is evidence', () => {
    expect(state('metrics', { Launch: 'The model reaches an AUC of 0.91 on the held-out month.' })).toBe('present');
  });
});

describe('leakage: time order speaks for itself, a bare split does not', () => {
  it.each([
    ['features frozen when the application is submitted', 'Features are frozen when the application is submitted.'],
    ['a label delay kept out of the holdout', 'Train/val/test: time-based split; the holdout reflects the 45-day label delay.'],
    ['features knowable before the event', 'Features must be knowable before kickoff.'],
    ['only historical data', 'All 43 features use only historical data.'],
    ['a past window for features, a future one for the target', 'A rolling past window builds the features and a forward window the target.'],
    ['features only from before the prediction', 'Features are computed only from events before the prediction date.'],
    ['features from the past only, "only" after them', 'The target is the last wave; features come from past waves only.'],
    ['features as they were at the time of the event', 'We compute and store the features at the time of the impression, not when the user acts.'],
  ])('%s is present without the word leakage', (_name, body) => {
    expect(state('leakage-checks', { Evaluation: body })).toBe('present');
  });
  it('a grouped split named as against leakage is present; the same split alone is weak', () => {
    expect(state('leakage-checks', { 'Training data': '| Split | Rule |\n|---|---|\n| Train/test split | 80/20 by user_id (no leakage) |' })).toBe('present');
    expect(state('leakage-checks', { Evaluation: 'A time-based split: 80/20 by date.' })).toBe('weak');
    expect(state('leakage-checks', { Evaluation: 'We train on all loans issued before the cut-off date and test on the month after.' })).toBe('weak');
    expect(state('leakage-checks', { Evaluation: 'To keep leakage out, we train on loans issued before the cut-off date and test on the month after.' })).toBe('present');
  });
  it.each([
    ['a target encoding fit on training folds', 'Target encoding is fit on the training folds only.'],
    ['test users kept out of training', 'Users in the test set never appear in the training set.'],
    ['the last weeks held out', 'We hold out the last 4 weeks for testing to mimic production.'],
    ['an author kept in one fold', 'Posts from the same author are kept in the same fold.'],
    ['a split named by the time it follows', 'We maximise PR-AUC on a time-based train/validation split.'],
    ['a holdout split on a date', 'The holdout is split on the event date.'],
    ['later data for testing', 'Use later data in the test sample than for training and validation.'],
    ['the days after a date for validation', 'We select a few weeks of data before that date as training data and a few days of data after that date as validation data.'],
    ['held-out devices', 'Validation devices are a 10% holdout of devices not in the training set.'],
    ['cross-validation in time order', 'We use time-series cross-validation that respects temporal order.'],
  ])('%s is a split without its reason: weak', (_name, body) => {
    expect(state('leakage-checks', { Training: body })).toBe('weak');
  });
  it('reads a Russian time split as a split without its reason: weak', () => {
    expect(ruState('leakage-checks', 'Валидация', 'Временное разделение выборки для имитации реального использования.')).toBe('weak');
  });
  it('a random split is absent', () => {
    expect(state('leakage-checks', { Training: 'The split is random at the session level.' })).toBe('absent');
  });
  it.each([
    ['a feature named as the cause', 'FirstSeenDate is a temporal feature that causes data leakage.'],
    ['fields excluded for it', 'No diagnosis leakage: disease flags are excluded from the inputs.'],
    ['duplicates removed for it', 'Duplicate URLs are removed across the dataset to prevent data leakage.'],
  ])('leakage kept out by leaving something out: %s', (_name, body) => {
    expect(state('leakage-checks', { Features: body })).toBe('present');
  });
  it('does not take the word leakage alone for a mechanism', () => {
    expect(state('leakage-checks', { Features: 'We must avoid data leakage.' })).toBe('weak');
  });
  it('order and deduplication speak of leakage only where the text ties them to it', () => {
    expect(state('leakage-checks', { Indexing: 'Chunks are deduplicated by content hash before indexing.' })).toBe('absent');
    expect(state('leakage-checks', { Feed: 'Posts are shown in chronological order.' })).toBe('absent');
    expect(state('leakage-checks', { Evaluation: 'To avoid leakage, near-duplicate questions are removed across train and test.' })).toBe('present');
  });
  it('reads Russian: any form of "peeking into the future" ties a split to leakage; "at the moment of" alone is not about it', () => {
    expect(state('leakage-checks', { Валидация: 'Разбиение по времени показывает, не «подглядывает» ли модель в будущее.' })).toBe('present');
    expect(state('leakage-checks', { Данные: 'Контакты пользователя на момент сообщения берутся из профиля.' })).toBe('absent');
  });
});

describe('a section is found by what its heading says', () => {
  it.each([
    ['How do we measure success?', 'metrics'],
    ['Where does ground truth come from?', 'labels'],
    ['What happens after launch: monitoring', 'drift-monitoring'],
    ['Response time requirements', 'latency-budget'],
    ['How the model is served', 'serving-mode'],
    ['Метрики качества', 'metrics'],
    ['Разметка данных', 'labels'],
    // a Russian head word in any case, the genitive plural's fleeting vowel included
    ['Проверка утечек', 'leakage-checks'],
    ['Защита от утечек данных', 'leakage-checks'],
    ['Бюджет задержек', 'latency-budget'],
  ])('"%s" is the %s section', (heading, item) => {
    const body = /[а-я]/i.test(heading) ? 'Это будет написано и согласовано с командой.' : 'To be written.';
    const result = lintText(`# Doc\n\n## ${heading}\n\n${body}\n`);
    expect(result.items[item]).toMatchObject({ via: 'heading', sections: [heading] });
  });

  it('does not take a section that speaks only of what is not the item: monitoring of service health is no drift monitoring', () => {
    const health = lintText('# Doc\n\n## Monitoring\n\n- Request latency and throughput\n- Error rates and uptime\n');
    expect(health.checklist['drift-monitoring']).toBe('absent');
    const vague = lintText('# Doc\n\n## Monitoring\n\nWe will monitor the model.\n');
    expect(vague.checklist['drift-monitoring']).toBe('weak');
    // a section under the item's own title is its own, whatever it holds yet
    const stub = lintText('# Doc\n\n## Drift monitoring\n\nTODO: fill in.\n\nRequest latency and throughput are on the dashboard.\n');
    expect(stub.items['drift-monitoring']).toMatchObject({ state: 'weak', via: 'heading' });
  });

  it('takes a mention whose own sentence is about service health for no mention, in either language', () => {
    expect(state('drift-monitoring', { Operations: 'We monitor uptime, latency and error rates on the status page.' })).toBe('absent');
    expect(ruState('drift-monitoring', 'Эксплуатация', 'Мониторинг нагрузки на сервер (время ответа API, использование GPU/CPU).')).toBe('absent');
    // another sentence of the same paragraph still mentions drift
    expect(state('drift-monitoring', { Operations: 'We monitor the model for drift. Uptime is tracked on the status page.' })).toBe('weak');
  });

  it('keeps a word that names drift itself a mention beside service health in its sentence (unmistakable)', () => {
    expect(state('drift-monitoring', { Operations: 'We monitor data drift and uptime on one dashboard.' })).toBe('weak');
    expect(state('drift-monitoring', { Operations: 'Alerts cover error rates, p99 latency and training-serving skew.' })).toBe('weak');
    expect(ruState('drift-monitoring', 'Эксплуатация', 'Следим за дрейфом и за нагрузкой на сервер.')).toBe('weak');
    // the generic word beside service health is still no mention
    expect(state('drift-monitoring', { Operations: 'We monitor uptime and error rates on one dashboard.' })).toBe('absent');
  });

  it('takes what running the system costs for service health, not a cost the business watches as an outcome', () => {
    // a business cost is an outcome of the model: the section stays the item's own
    expect(lintText('# Doc\n\n## What we monitor\n\n- Refund cost per claim handled\n- Share of claims reopened within a week\n').checklist['drift-monitoring']).toBe('weak');
    expect(state('drift-monitoring', { Operations: 'We monitor the average cost per booking and the share of agent overrides.' })).toBe('weak');
    // compute, cloud and API costs are service health
    expect(lintText('# Doc\n\n## What we monitor\n\n- GPU costs per day\n- Uptime of the endpoint\n').checklist['drift-monitoring']).toBe('absent');
    expect(state('drift-monitoring', { Operations: 'We monitor cloud costs on the billing dashboard.' })).toBe('absent');
    // in Russian as in English
    expect(ruState('drift-monitoring', 'Эксплуатация', 'Мониторинг затрат на возвраты по каждой заявке.')).toBe('weak');
    expect(ruState('drift-monitoring', 'Эксплуатация', 'Мониторинг затрат на GPU за сутки.')).toBe('absent');
  });

  it("takes a model's word or classification error rate for its quality, not a service's errors", () => {
    expect(state('drift-monitoring', { Operations: 'We monitor the word error rate of the transcripts every week.' })).toBe('weak');
    expect(state('drift-monitoring', { Operations: 'We monitor the classification error rate on the reviewed tickets.' })).toBe('weak');
    expect(state('drift-monitoring', { Operations: 'We monitor the error rate of the endpoint.' })).toBe('absent');
  });

  it('takes a sentence in the latency item\'s own words for service health, not drift (notAbout)', () => {
    expect(state('drift-monitoring', { Operations: 'We monitor the time to first token of every answer.' })).toBe('absent');
    expect(ruState('drift-monitoring', 'Эксплуатация', 'Мониторим скорость обработки запросов.')).toBe('absent');
    expect(state('drift-monitoring', { Operations: 'We monitor the model every week.' })).toBe('weak');
  });

  it('refuses a checklist whose notAbout names an item it does not have', () => {
    const schema = structuredClone(readDefaultSchema()) as { properties: { items: { properties: Record<string, { mlsd: { notAbout?: string[] } }> } } };
    schema.properties.items.properties['drift-monitoring']!.mlsd.notAbout = ['latency'];
    expect(() => compileChecklist(schema)).toThrow('checklist item "drift-monitoring": notAbout names "latency", which is not a checklist item');
  });

  it('takes a hint (a dataset named) as a weak item, never as a present one', () => {
    const result = lintText('# Doc\n\n## Model\n\nA gradient-boosted model trained on the public MovieLens dataset.\n');
    expect(result.checklist.labels).toBe('weak');
    expect(lintText('# Doc\n\n## Model\n\nA gradient-boosted model.\n').checklist.labels).toBe('absent');
    // a task named by its verb implies a target; serving's nouns do not
    expect(lintText('# Doc\n\n## Model\n\nThe model predicts which customers leave.\n').checklist.labels).toBe('weak');
    expect(lintText('# Doc\n\n## Serving\n\nBatch predictions are written to the warehouse; the prediction endpoint serves text classification.\n').checklist.labels).toBe('absent');
  });

  it('does not take a definition of success, or of a metric, for a label', () => {
    expect(state('labels', { Pilot: 'The pilot is considered successful if 50% of the feedback is positive.' })).not.toBe('present');
    expect(state('labels', { Пилот: 'Пилот будет считаться успешным, если обратная связь будет положительной.' })).not.toBe('present');
    expect(state('labels', { Evaluation: 'Precision is defined as the share of flagged items that are fraud.' })).not.toBe('present');
    expect(state('labels', { Goals: 'Latency is the target we optimise.' })).not.toBe('present');
    expect(state('labels', { Data: 'The target is a binary fraud label with explainable risk scores.' })).not.toBe('present');
  });

  it('reads a label rule stated elsewhere beside a thin section of its own, as the reader reads the whole document', () => {
    const sections = { 'Training data': 'Weekly sales per store from the warehouse.', 'Accuracy tracking': 'Each week the actual sales are loaded and compared with the forecast.' };
    expect(state('labels', sections)).toBe('present');
    expect(state('labels', { 'Training data': 'Weekly sales per store from the warehouse.', Serving: 'Forecasts are written to a table each night.' })).toBe('weak');
  });

  it('takes a label named, or its share, for no account of where it comes from', () => {
    expect(state('labels', { 'Training data': '**Positive Class:** 12.3% of loans' })).not.toBe('present');
    expect(state('labels', { 'Training data': 'Label: `isFraud`' })).not.toBe('present');
    expect(state('labels', { 'Training data': 'Target: churn (binary).' })).not.toBe('present');
    expect(state('labels', { 'Training data': 'Target variable: `fraud_flag`' })).not.toBe('present');
    expect(state('labels', { 'Training data': "```python\ny = df['weekly_orders'].values\n```" })).not.toBe('present');
    expect(state('labels', { 'Training data': "```python\ny = (df['days_late'] > 0).astype(int)\n```" })).toBe('present');
    expect(state('labels', { 'Training data': 'A loan counts as a positive if it is 90 days past due within a year.' })).toBe('present');
  });

  it('takes a flag column named (is_x) for no account of where the label comes from', () => {
    expect(state('labels', { 'Training data': 'Each order row carries is_weekend and is_holiday flags.' })).not.toBe('present');
    expect(state('labels', { 'Training data': 'The model is trained on the `is_spam` column of the export.' })).not.toBe('present');
    expect(state('labels', { 'Training data': 'The label `is_fraud` is set from chargebacks the bank confirms.' })).toBe('present');
  });

  it('takes a Russian target named alone for no account of where it comes from, as in English', () => {
    expect(ruState('labels', 'Данные', 'Целевая переменная: `resale_price`.')).not.toBe('present');
    expect(ruState('labels', 'Данные', 'Таргет — `late_flag`, в выгрузке без пропусков.')).not.toBe('present');
    expect(ruState('labels', 'Данные', 'Таргет — число заказов за следующие 7 дней по каждому складу.')).toBe('present');
    expect(ruState('labels', 'Данные', 'Целевая переменная: `bad`: клиент допустил просрочку 60 и более дней.')).toBe('present');
  });

  it('reads a Russian default defined by the days a payment is overdue as a label rule', () => {
    expect(ruState('labels', 'Цель', 'Скоринг оценивает вероятность дефолта (просрочка платежа более 60 дней) по анкете.')).toBe('present');
    expect(ruState('labels', 'Цель', 'Скоринг оценивает вероятность дефолта по анкете клиента.')).not.toBe('present');
  });

  it('takes a Russian task named for a hint of labels, and the predictions a service returns for none', () => {
    expect(ruState('labels', 'Сервис', 'Сервис отдаёт вероятность класса через REST API для предсказаний.')).toBe('absent');
    expect(ruState('labels', 'Цель', 'Модель предсказывает уход клиента в ближайший месяц.')).toBe('weak');
    expect(ruState('labels', 'Этапы', 'Обучение бустинга для предсказания просрочки по займам.')).toBe('weak');
  });

  it('writes every gap between words as a window (~N), in every list the checklist ships', () => {
    // A hand-written gap ("(?:\\w+ ){0,2}") steps over plain words only, not "in-house" or "(nightly)".
    const handWritten = /\(\?:(?:\\w|\[[^\]]*\])\+ \)(?:\{|\?)/;
    const strings = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
    const terms = strings(readDefaultSchema());
    expect(terms.filter((term) => term.includes('~3')).length).toBeGreaterThan(10);
    expect(terms.filter((term) => handWritten.test(term))).toEqual([]);
  });

  it('takes a predictive task as implying a target: labels weak, not absent', () => {
    expect(lintText('# Doc\n\n## Model\n\nA gradient-boosted classifier flags risky orders.\n').checklist.labels).toBe('weak');
    expect(lintText('# Система\n\n## Модель\n\nМодель прогнозирует спрос на следующую неделю.\n').checklist.labels).toBe('weak');
  });

  it.each([
    ['Целевое видение', 'labels'],
    ['Security measures', 'metrics'],
    ['Оценка затрат', 'metrics'],
    ['Integration tests', 'serving-mode'],
  ])('does not take "%s" for the %s section', (heading, item) => {
    const body = /[а-я]/i.test(heading) ? 'Это будет написано и согласовано с командой.' : 'To be written.';
    const result = lintText(`# Doc\n\n## ${heading}\n\n${body}\n`);
    expect(result.items[item]?.via).not.toBe('heading');
  });

  it('does not take the document title for a section', () => {
    const result = lintText('# Real-time fraud scoring\n\nA short note.\n');
    expect(result.items['serving-mode']?.via).not.toBe('heading');
  });
});

describe('HTML blocks', () => {
  it('reads the prose written in HTML, not its tags or comments', () => {
    expect(state('serving-mode', { Serving: '<p>A nightly batch scoring job writes scores to a table.</p>' })).toBe('present');
    expect(state('serving-mode', { Serving: '<p align="center"><img src="architecture.png" alt="diagram"></p>' })).toBe('weak');
    expect(state('serving-mode', { Serving: '<!-- a nightly batch scoring job, maybe -->' })).toBe('weak');
  });
});

describe('code blocks', () => {
  it('are read for facts, but their braces are no placeholders and diagrams say nothing', () => {
    const code = (lang: string) => lintText(doc({ 'Latency budget': `\`\`\`${lang}\nP99_LATENCY_BUDGET = "120 ms"  # p99 end-to-end\nlog.info(f"{request_id} done")\n\`\`\`` }));
    expect(code('python').checklist['latency-budget']).toBe('present');
    expect(code('python').model.placeholders).toEqual([]);
    expect(code('mermaid').checklist['latency-budget']).toBe('weak');
  });

  it("hear a diagram's boxes as mentions, never as substance", () => {
    const flow = lintText(doc({ Architecture: 'The scoring service and its stores.\n\n```mermaid\nflowchart LR\n  W["Webhooks (labels/chargebacks)"] --> C[Case management]\n```' }));
    expect(flow.checklist.labels).toBe('weak');
    expect(flow.model.placeholders).toEqual([]);
  });

  it('read a file tree drawn with branches as names of files, never as substance', () => {
    const tree = (fence: string) =>
      lintText(doc({ Layout: `Where the code lives.\n\n\`\`\`${fence}\nservice/\n├── train.py\n├── monitoring/\n│   └── drift_checks.py   # Evidently reports\n└── README.md\n\`\`\`` })).checklist['drift-monitoring'];
    expect(tree('')).toBe('weak');
    expect(tree('text')).toBe('weak');
    const listing = lintText(doc({ Layout: '```text\nmonitoring/drift_checks.py   # Evidently reports\n```' })).checklist['drift-monitoring'];
    expect(listing).toBe('present');
  });

  it('take a request sent with curl for an endpoint that answers per call', () => {
    const request = lintText(doc({ 'API example': '```bash\ncurl -X POST "http://localhost:8000/predict" -d \'{"amount": 10}\'\n```' }));
    expect(request.checklist['serving-mode']).toBe('present');
    expect(lintText(doc({ 'API example': 'The service will expose an API.' })).checklist['serving-mode']).toBe('weak');
  });
});

describe('language detection', () => {
  it('tells English from Russian by their stop words, English when unsure', () => {
    expect(lintText('# Система\n\nМы прогнозируем спрос и это нужно для закупок.\n').language).toBe('ru');
    expect(lintText('# System\n\nWe forecast demand for the stores and this drives ordering.\n').language).toBe('en');
    expect(lintText('# 42\n').language).toBe('en');
  });

  it('reads a draft in every language it substantially uses: Russian answers among English suggestions', () => {
    const english = [
      '## Metrics\n\nOffline we measure PR-AUC on a held-out month, and online the share of sessions with a purchase in an A/B test that runs for two weeks.\n',
      '## Serving mode\n\nA nightly batch job scores every active customer and writes the scores to the CRM, where the retention team reads them in the morning.\n',
      '## Drift monitoring\n\nWe compare the score distribution of each run with the training window; when the PSI is above 0.2 for two runs, the owner is paged and the model is retrained on the latest data.\n',
      '## Leakage checks\n\nFeatures are computed as of the snapshot date, and the training set is split by time with a gap of 30 days so that no label leaks into the features of the same customer.\n',
    ].join('\n');
    const russian =
      '## Labels\n\nЦелевая переменная — отсутствие покупок в течение 30 дней после снимка; метки берутся из истории заказов и созревают через 30 дней. ' +
      'Это нужно для того, чтобы мы не обучались на тех клиентах, которые ещё не успели уйти, и чтобы на валидации было так же, как в проде.\n';
    const result = lintText(`# Churn\n\n${english}\n${russian}`);
    expect(result.language).toBe('en');
    expect(result.checklist.labels).toBe('present');
  });

  it('reads the language in what the author wrote, not in guidance lines still to replace', () => {
    const skeleton = '**What could leak.** TODO(mlsd): which of the features could be computed with data from after the decision, and how that is kept out of the training set for the model\n';
    expect(lintText(`# Система\n\nМы прогнозируем спрос и это нужно для закупок.\n\n${skeleton.repeat(3)}`).language).toBe('ru');
    // Without the placeholder, the same lines are the author's, and outnumber the Russian.
    expect(lintText(`# Система\n\nМы прогнозируем спрос и это нужно для закупок.\n\n${skeleton.replace('TODO(mlsd): ', '').repeat(3)}`).language).toBe('en');
  });
});

describe('Russian, as Russian teams write it', () => {
  const RU = `# Скоринг заявок

## Метрики

Офлайн: ROC-AUC на отложенной выборке за последний месяц.

Онлайн: среднее время просмотра карточки в A/B-тесте.

## Разметка

Метка — факт дефолта (просрочка более 90 дней) из кредитной истории. Метки приходят с задержкой в 90 дней, так как дефолт становится известен позже.

## Утечки данных

Признаки считаются строго на дату среза; выборка разбита по времени.

## Бюджет задержки

Ответ не дольше 200 мс на 95-м перцентиле.

## Режим работы

Онлайн-сервис: синхронный REST-запрос на каждую заявку.

## Мониторинг

Ежедневно считаем PSI по ключевым признакам; при PSI > 0.2 дежурный получает алерт и запускается переобучение.
`;

  it('finds every item present and no rule to warn about', () => {
    const result = lintText(RU);
    expect(result.language).toBe('ru');
    expect(Object.values(result.checklist)).toEqual(Array(6).fill('present'));
    expect(result.diagnostics).toEqual([]);
  });

  it('reads a percentile written in words or as a share of requests', () => {
    for (const budget of ['Ответ не дольше 200 мс на 95-м перцентиле.', '95% запросов быстрее 200 мс.', '99-й процентиль времени ответа — 200 мс.']) {
      expect(lintText(RU.replace('Ответ не дольше 200 мс на 95-м перцентиле.', budget)).diagnostics.map((d) => d.ruleId)).toEqual([]);
    }
    expect(lintText(RU.replace('Ответ не дольше 200 мс на 95-м перцентиле.', 'Ответ не дольше 200 мс.')).diagnostics.map((d) => d.ruleId)).toEqual(['latency-percentile']);
  });

  it('reads an online metric on a line of its own, or named by what is watched', () => {
    expect(lintText(RU.replace('Онлайн: среднее время просмотра карточки в A/B-тесте.', 'Считаем долю заявок без ручной проверки.')).diagnostics).toEqual([]);
    expect(lintText(RU.replace('Онлайн: среднее время просмотра карточки в A/B-тесте.', '')).diagnostics.map((d) => d.ruleId)).toEqual(['metrics-offline-online']);
  });

  it('reads features computed as of a cut-off, or of the moment shown, as keeping the future out', () => {
    expect(ruState('leakage-checks', 'Утечки данных', 'Признаки считаются строго на дату среза.')).toBe('present');
    expect(ruState('leakage-checks', 'Утечки данных', 'Признаки считаются на момент показа рекомендации.')).toBe('present');
    expect(ruState('leakage-checks', 'Утечки данных', 'Выборка разбита по времени.')).toBe('present');
    expect(ruState('leakage-checks', 'Утечки данных', 'Будем следить, чтобы утечек не было.')).toBe('weak');
  });

  it('reads the English mode word Russian teams write inside Russian', () => {
    expect(ruState('serving-mode', 'Ограничения', 'Модель работает в batch-режиме, прогноз отдаётся раз в неделю.')).toBe('present');
    expect(ruState('serving-mode', 'Использование', 'Прогноз можно получить по POST-запросу на /forecast.')).toBe('present');
    expect(ruState('serving-mode', 'Использование', 'Прогноз получают аналитики.')).not.toBe('present');
  });

  it('reads a measured share of accuracy or recall as a metric', () => {
    expect(ruState('metrics', 'Результаты', 'Точность модели на отложенной выборке составила 92%.')).toBe('present');
  });

  it('reads who labels, whichever comes first: the people or the labelling', () => {
    expect(ruState('labels', 'Данные', 'Для эталонной выборки два оператора независимо размечают намерение клиента.')).toBe('present');
    expect(ruState('labels', 'Данные', 'Разметка операторами поддержки по инструкции.')).toBe('present');
    expect(ruState('labels', 'Данные', 'Инженеры команды создают текстовую разметку каталога по правилам.')).toBe('present');
  });

  it('hears retraining on new data as a hint of drift, whatever stands between', () => {
    expect(ruState('drift-monitoring', 'Этап 5', 'Построение пайплайна для обучения модели на новых данных.')).toBe('weak');
    expect(ruState('drift-monitoring', 'Этап 5', 'Построение пайплайна для обучения модели.')).toBe('absent');
  });

  it('takes generated questions or pairs for a label source, not a bot generating its answer', () => {
    expect(ruState('labels', 'Требования', 'Бот должен генерировать ответ на сообщение (вопрос) пользователя.')).not.toBe('present');
    expect(ruState('labels', 'Данные', 'Генерируем пары вопрос-ответ по базе знаний с помощью LLM.')).toBe('present');
  });

  it('hears speed said without a number as a weak latency, in either language', () => {
    expect(state('latency-budget', { Evaluation: 'A smaller model would give faster responses when running inference.' })).toBe('weak');
    expect(state('latency-budget', { Retrieval: 'This step must be computationally swift.' })).toBe('weak');
    expect(state('latency-budget', { Stack: 'WebAssembly for faster inference.' })).toBe('absent');
    expect(ruState('latency-budget', 'Цели', 'Модель выдаёт прогноз сразу после бронирования, без задержек.')).toBe('weak');
    expect(ruState('latency-budget', 'Модели', 'RoBERTa дала лучший результат, но оказалась тяжела на инференсе.')).toBe('weak');
  });

  it('takes "позже" for a deferral only where work is put off, not where a fact becomes known later or a deadline', () => {
    const labels = (tail: string) => ruState('labels', 'Разметка', `Метка — факт дефолта из кредитной истории; ${tail}`);
    expect(labels('дефолт становится известен позже, через 90 дней.')).toBe('present');
    expect(labels('метки приходят не позднее чем через 90 дней.')).toBe('present');
    expect(labels('источник меток определим позже.')).toBe('weak');
  });

  it('takes "позже" with the condition it waits on for when a thing happens, not for work put off', () => {
    const drift = (body: string) => ruState('drift-monitoring', 'Мониторинг', body);
    expect(drift('Ошибка MAPE рассчитывается позже, при наличии фактических продаж.')).toBe('present');
    expect(drift('Качество пересчитывается позже, когда появятся фактические значения.')).toBe('present');
    expect(drift('Ошибка MAPE рассчитывается позже.')).toBe('weak');
  });
});
