// The alcohol-case API: cases and their custody chain (api.md fixes GET /alcohol/cases/{caseNo} and its
// /proof), labs, evidence rooms, the high-risk rate and re-test draws. Everything is scoped to the
// caller's units.
import type { FastifyPluginAsync } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { requireCaller } from '../../platform/access/access.plugin.ts';
import type { AlcoholService } from './alcohol.service.ts';
import type { AlcoholRegistryService } from './registry.service.ts';
import * as S from './alcohol.schemas.ts';

export const alcoholRoutes: FastifyPluginAsync<{ cases: AlcoholService; registry: AlcoholRegistryService }> = async (app, { cases, registry }) => {
  const tags = ['alcohol'];

  app.get(
    '/alcohol/cases',
    {
      config: { access: 'read' },
      schema: { summary: '涉酒案件列表 (alcohol cases of your units, newest first)', tags, querystring: S.CaseListQuery, response: { 200: S.CaseListSchema } },
    },
    async (request) => cases.list(requireCaller(request), request.query as Static<typeof S.CaseListQuery>),
  );

  app.get(
    '/alcohol/cases/:caseNo',
    {
      config: { access: 'read' },
      schema: {
        summary: '涉酒案件 (one case: steps, samples, breath vs blood, tags, alerts, custody chain verified now)',
        tags,
        params: S.CaseNoParams,
        response: { 200: S.CaseSchema },
      },
    },
    async (request) => cases.getCase(requireCaller(request), (request.params as Static<typeof S.CaseNoParams>).caseNo),
  );

  app.get(
    '/alcohol/cases/:caseNo/proof',
    {
      config: { access: 'read' },
      schema: {
        summary: '证据链包含证明 (RFC 6962 inclusion proof of step i in the case chain)',
        tags,
        params: S.CaseNoParams,
        querystring: S.ProofQuery,
        response: { 200: S.ProofSchema },
      },
    },
    async (request) => {
      const { caseNo } = request.params as Static<typeof S.CaseNoParams>;
      return cases.proof(requireCaller(request), caseNo, (request.query as Static<typeof S.ProofQuery>).step);
    },
  );

  app.post(
    '/alcohol/chains/verify',
    {
      config: { access: 'act' },
      schema: {
        summary: '证据链核验 (re-verify every case chain now, as the nightly sweep does; root unit only)',
        tags,
        response: { 200: S.SweepSchema },
      },
    },
    async (request) => cases.sweep(requireCaller(request)),
  );

  app.get(
    '/alcohol/labs',
    { config: { access: 'read' }, schema: { summary: '检验鉴定机构名录 (labs with filing status and statistics over your cases)', tags, response: { 200: S.LabListSchema } } },
    async (request) => registry.listLabs(requireCaller(request)),
  );

  app.get(
    '/alcohol/labs/:labId',
    {
      config: { access: 'read' },
      schema: { summary: '检验鉴定机构 (one lab: status history, statistics, monthly figures, recent cases, bias alerts)', tags, params: S.LabIdParams, response: { 200: S.LabSchema } },
    },
    async (request) => registry.getLab(requireCaller(request), (request.params as Static<typeof S.LabIdParams>).labId),
  );

  app.get(
    '/alcohol/rooms',
    { config: { access: 'read' }, schema: { summary: '物证室 (evidence rooms of your units: inventory, overdue samples, cameras)', tags, response: { 200: S.RoomListSchema } } },
    async (request) => registry.listRooms(requireCaller(request)),
  );

  app.get(
    '/alcohol/rooms/:roomId',
    {
      config: { access: 'read' },
      schema: {
        summary: '物证室 (one room: register of entries and exits, samples in it now, overdue samples, cameras)',
        tags,
        params: S.RoomIdParams,
        querystring: S.RoomQuery,
        response: { 200: S.RoomSchema },
      },
    },
    async (request) =>
      registry.getRoom(requireCaller(request), (request.params as Static<typeof S.RoomIdParams>).roomId, request.query as Static<typeof S.RoomQuery>),
  );

  app.get(
    '/alcohol/samples/overdue',
    {
      config: { access: 'read' },
      schema: { summary: '超期未送检血样 (samples of your units not handed to a lab within 24 h of the draw)', tags, querystring: S.OverdueQuery, response: { 200: S.OverdueSchema } },
    },
    async (request) => registry.overdueSamples(requireCaller(request), request.query as Static<typeof S.OverdueQuery>),
  );

  app.get(
    '/alcohol/high-risk',
    {
      config: { access: 'read' },
      schema: {
        summary: '高风险案件率 (share of cases with a red or orange alcohol alert, by unit and period, against the previous period)',
        tags,
        querystring: S.HighRiskQuery,
        response: { 200: S.HighRiskSchema },
      },
    },
    async (request) => registry.highRisk(requireCaller(request), request.query as Static<typeof S.HighRiskQuery>),
  );

  app.post(
    '/alcohol/retest-draws',
    {
      config: { access: 'act' },
      schema: {
        summary: '高风险案件抽检 (draw high-risk cases for re-testing by an internal lab, with a recorded seed; root unit only)',
        tags,
        body: S.DrawRequest,
        response: { 200: S.DrawSchema },
      },
    },
    async (request) => registry.draw(requireCaller(request), request.body as Static<typeof S.DrawRequest>),
  );

  app.get(
    '/alcohol/retest-draws',
    { config: { access: 'read' }, schema: { summary: '抽检记录 (re-test draws of your units)', tags, response: { 200: S.DrawListSchema } } },
    async (request) => registry.listDraws(requireCaller(request)),
  );

  app.get(
    '/alcohol/retest-draws/:id',
    {
      config: { access: 'read' },
      schema: { summary: '抽检记录 (one draw: population, seed, selection re-drawn and compared, re-test results)', tags, params: S.DrawIdParams, response: { 200: S.DrawSchema } },
    },
    async (request) => registry.getDraw(requireCaller(request), (request.params as Static<typeof S.DrawIdParams>).id),
  );
};
