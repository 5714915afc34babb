// 首页: the caller's unit, how many units lie in its subtree at each level, and the audit log's head.
import { Card, Col, Descriptions, Row, Skeleton, Statistic, Tag } from 'antd';
import { useMe } from '../../../app/auth/AuthProvider.tsx';
import { isApiError } from '../../../shared/api/client.ts';
import { ErrorAlert } from '../../../shared/components/ErrorAlert.tsx';
import { PageHeader } from '../../../shared/components/PageHeader.tsx';
import { UnitLevelTag } from '../../../shared/components/UnitLevelTag.tsx';
import { useT } from '../../../shared/i18n/i18n.tsx';
import { sharedMessages } from '../../../shared/locales/index.ts';
import { Link } from '../../../shared/router.tsx';
import { unitLevelKey, unitLevels } from '../../../shared/unit-level.ts';
import { countByLevel, useUnits } from '../../access/index.ts';
import { TreeHeadCard, useAuditRoot } from '../../audit/index.ts';
import { useAlertCounts } from '../../reports/index.ts';
import { overviewMessages } from '../locales/index.ts';

const knownRoles = ['supervisor', 'handler', 'admin', 'reviewer', 'approver'] as const;

export default function OverviewPage() {
  const t = useT(overviewMessages);
  const ts = useT(sharedMessages);
  const me = useMe();
  const units = useUnits();
  const audit = useAuditRoot();
  const alertCounts = useAlertCounts({});
  const byStatus = new Map((alertCounts.data?.byStatus ?? []).map((c) => [c.key, c.n]));
  const counts = units.data ? countByLevel(units.data.list) : null;
  const roleLabel = (r: string) => ((knownRoles as readonly string[]).includes(r) ? t(`role_${r as (typeof knownRoles)[number]}`) : r);
  const auditForbidden = isApiError(audit.error) && audit.error.status === 403;

  return (
    <>
      <PageHeader title={t('welcome', { name: me.displayName })} />
      <Row gutter={[16, 16]}>
        <Col span={10}>
          <Card title={t('myUnit')} size="small" style={{ height: '100%' }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                ...(me.unit
                  ? [
                      { key: 'name', label: t('unitName'), children: me.unit.name },
                      { key: 'code', label: t('unitCode'), children: <span className="bh-mono">{me.unit.code}</span> },
                      { key: 'level', label: t('unitLevel'), children: <UnitLevelTag level={me.unit.level} /> },
                    ]
                  : [{ key: 'name', label: t('unitName'), children: t('platformWide') }]),
                {
                  key: 'roles',
                  label: t('roles'),
                  children: me.roles.length ? me.roles.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>) : t('none'),
                },
                {
                  key: 'scopes',
                  label: t('scopes'),
                  children: me.scopes.size ? [...me.scopes].map((s) => <Tag key={s} className="bh-mono">{s}</Tag>) : t('none'),
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={14}>
          <Card
            title={t('subtreeTitle')}
            size="small"
            style={{ height: '100%' }}
            extra={<Link to="/admin/units">{t('viewUnits')}</Link>}
          >
            {units.error !== undefined ? (
              <ErrorAlert error={units.error} onRetry={units.reload} />
            ) : !counts ? (
              <Skeleton active paragraph={{ rows: 2 }} />
            ) : (
              <Row gutter={16}>
                {unitLevels.map((l) => (
                  <Col span={counts.other ? 4 : 5} key={l}>
                    <Statistic title={ts(unitLevelKey(l)!)} value={counts[l]} />
                  </Col>
                ))}
                {counts.other > 0 && (
                  <Col span={4}>
                    <Statistic title={t('otherLevel')} value={counts.other} />
                  </Col>
                )}
                <Col span={4}>
                  <Statistic title={t('subtreeTotal')} value={units.data?.list.length ?? 0} styles={{ content: { fontWeight: 600 } }} />
                </Col>
              </Row>
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('alertsTitle')} size="small" extra={<Link to="/alerts">{t('viewBoard')}</Link>} data-testid="overview-alerts">
            {alertCounts.error !== undefined ? (
              <ErrorAlert error={alertCounts.error} onRetry={alertCounts.reload} />
            ) : !alertCounts.data ? (
              <Skeleton active paragraph={{ rows: 1 }} />
            ) : (
              <Row gutter={16}>
                <Col span={6}>
                  <Link to="/alerts?status=new,verifying,rectifying,reviewing">
                    <Statistic title={t('alertsOpen')} value={alertCounts.data.total - (byStatus.get('closed') ?? 0)} />
                  </Link>
                </Col>
                <Col span={6}>
                  <Link to="/alerts?overdue=1">
                    <Statistic title={t('alertsOverdue')} value={alertCounts.data.overdue} styles={{ content: { color: alertCounts.data.overdue ? '#cf1322' : undefined } }} />
                  </Link>
                </Col>
                <Col span={6}>
                  <Link to="/alerts?status=new">
                    <Statistic title={t('alertsNew')} value={byStatus.get('new') ?? 0} />
                  </Link>
                </Col>
                <Col span={6}>
                  <Link to="/alerts?status=reviewing">
                    <Statistic title={t('alertsReviewing')} value={byStatus.get('reviewing') ?? 0} />
                  </Link>
                </Col>
              </Row>
            )}
          </Card>
        </Col>
        <Col span={24}>
          {auditForbidden ? (
            <Card title={t('auditTitle')} size="small">
              <span className="bh-muted">{t('auditHidden')}</span>
            </Card>
          ) : (
            <TreeHeadCard
              root={audit.data}
              error={audit.error}
              onRetry={audit.reload}
              title={t('auditTitle')}
              extra={me.scopes.has('admin') && <Link to="/admin/audit">{t('viewAudit')}</Link>}
            />
          )}
        </Col>
      </Row>
    </>
  );
}
