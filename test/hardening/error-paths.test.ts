// Every `throw new EmqxSpecError` of lib/ that no other test reached (measured with `jest --coverage`), one row each:
// the input a user (or an inventory file) could give → the field the error names and its message. Together with
// the other suites, every refusal of the library runs under the tests.
import { federationSpec } from '../../examples/federation/main';
import { BridgeAuthentication, FederationSpec, resolveFederation, Route } from '../../lib/federation/federation-spec';
import { Action } from '../../lib/integrations/rule-spec';
import { Authenticator } from '../../lib/model/authentication';
import { AuthorizationSource } from '../../lib/model/authorization';
import { EmqxClusterSpec, resolveClusterSpec } from '../../lib/model/emqx-cluster-spec';
import { Exposure } from '../../lib/model/exposure';
import { ListenerType } from '../../lib/model/listener-spec';
import { Discovery } from '../../lib/model/discovery';
import { Peer } from '../../lib/network/network-peer';
import { EmqxEdition } from '../../lib/versions/emqx-edition';
import { WorkloadBackend } from '../../lib/workload/workload-backend';
import { TEST_NETWORK_POLICIES } from '../support/network-policies';
import { specErrorOf } from '../support/spec-errors';

const license = { secretName: 'emqx-license', key: 'license.key' };
const base: EmqxClusterSpec = { name: 'p', namespace: 'iot', version: '5.8.9', networkPolicies: TEST_NETWORK_POLICIES };
const ee: EmqxClusterSpec = { ...base, edition: EmqxEdition.ENTERPRISE, license };
const ee6: EmqxClusterSpec = { ...base, version: '6.3.1', license };
const spec = (patch: Record<string, unknown>, from: EmqxClusterSpec = base) => () => resolveClusterSpec({ ...from, ...patch } as EmqxClusterSpec);
const kafka = { name: 'raw', bootstrapHosts: ['kafka:9092'], topic: 'raw' };
const k = (patch: Record<string, unknown>) => spec({ integrations: { kafka: [{ ...kafka, ...patch }] } }, ee);
const influx = { name: 'rms', server: 'influx:8086', v2: { org: 'o', bucket: 'b', token: { secretName: 'influx', key: 'token' } }, writeSyntax: 'v,plant=${plant} rms=${rms}' };
const i = (patch: Record<string, unknown>) => spec({ integrations: { influxdb: [{ ...influx, ...patch }] } }, ee);
const s3 = { name: 'archive', host: 's3.eu-central-1.amazonaws.com', bucket: 'plant-archive', accessKeyId: { secretName: 's3', key: 'id' }, secretAccessKey: { secretName: 's3', key: 'secret' } };
const s = (patch: Record<string, unknown>) => spec({ integrations: { s3: [{ ...s3, ...patch }] } }, ee6);
const bridge = { name: 'hub', server: 'hub.example.com:8883', ca: 'system', clientidPrefix: 'plant-a', username: 'plant', password: { secretName: 'bridge', key: 'password' }, egress: [{ localFilter: 'plant/#', remotePrefix: 'hub/p/' }] };
const b = (patch: Record<string, unknown>) => spec({ mqttBridges: [{ ...bridge, ...patch }] });
const fed = (patch: (f: FederationSpec) => FederationSpec) => () => resolveFederation(patch(federationSpec));
const hub = (patch: Record<string, unknown>) => fed((f) => ({ ...f, hub: { ...f.hub, ...patch } }));
const pod = (patch: Record<string, unknown>) => spec({ workload: patch });
const rule = (patch: Record<string, unknown>) => spec({ integrations: { kafka: [kafka], rules: [{ id: 'r', sql: 'SELECT * FROM "t/#"', actions: [Action.kafka('raw')], ...patch }] } }, ee);
const alert = { alert: 'PlantSilent', expr: 'up == 0', summary: 'a plant is silent' };

const cases: [string, () => unknown, string, RegExp][] = [
  // the cluster spec itself
  ['a spec that is not an object', () => resolveClusterSpec(null as never), 'spec', /is not a cluster spec/],
  ['an edition given as a word', spec({ edition: 'enterprise' }), 'edition', /is not an edition/],
  ['a backend given as data', spec({ backend: { kind: 'emqx-operator' } }), 'backend', /is not a workload backend/],
  ['a discovery given as data', spec({ discovery: { strategy: 'dns' } }), 'discovery', /is not a discovery strategy/],
  ['an image repository with a tag', spec({ imageRepository: 'registry.example.com/emqx/emqx:5.8.9' }), 'imageRepository', /without tag or digest/],
  ['the dashboard on the gen_rpc port', spec({ dashboardPort: 5369 }), 'dashboardPort', /port 5369 is used by gen_rpc/],
  ['two bridges of one name', spec({ mqttBridges: [bridge, bridge] }), 'mqttBridges', /has two bridges of one name/],
  ['a rule named like a generated bridge rule', spec({ mqttBridges: [bridge], integrations: { rules: [{ id: 'hub_up_1', sql: 'SELECT * FROM "t/#"', actions: [Action.console()] }] } }, { ...ee, version: '6.0.1' }), 'integrations.rules', /collides with a generated bridge name/],
  ['an unknown log level', spec({ logLevel: 'verbose' }), 'logLevel', /is not a log level/],
  ['a zone spread given as a word', spec({ coreZoneSpread: 'hard' }), 'coreZoneSpread', /is not a zone spread/],
  ['service annotations as a list', spec({ serviceAnnotations: [] }), 'serviceAnnotations', /is not a map of Services/],
  ['acknowledgements as one object', spec({ acknowledgements: { id: 'EMQX-CoreCountEven', reason: 'lab cluster with two racks' } }), 'acknowledgements', /must be a list/],
  ['labels as a string', spec({ labels: 'team=iot' }), 'labels', /is not a map of labels/],
  ['extra config as a string', spec({ extraConfig: 'mqtt.max_qos_allowed = 1' }), 'extraConfig', /is not a map of \{ all, core, replicant \}/],
  ['mqtt settings as a list', spec({ mqtt: [] }), 'mqtt', /is not a map of MQTT settings/],
  ['a max packet size as a number', spec({ mqtt: { maxPacketSize: 1048576 } }), 'mqtt.maxPacketSize', /is not a Size/],
  ['an unknown shared subscription strategy', spec({ mqtt: { sharedSubscriptionStrategy: 'fastest' } }), 'mqtt.sharedSubscriptionStrategy', /is not a shared subscription strategy/],
  // listeners
  ['listeners as one object', spec({ listeners: { type: ListenerType.TCP } }), 'listeners', /must be a list/],
  ['an exposure given as data', spec({ listeners: [{ type: ListenerType.TCP, exposure: { kind: 'nlb' } }] }), 'listeners[0].exposure', /is not an exposure/],
  ['a byte rate as a number', spec({ listeners: [{ type: ListenerType.TCP, bytesPerSecond: 65536 }] }), 'listeners[0].bytesPerSecond', /is not a Size/],
  ['two listener names with one port name', spec({ listeners: [{ type: ListenerType.TCP, name: 'plantfloor_a' }, { type: ListenerType.TCP, name: 'plantfloor_b', port: 1884 }] }), 'listeners[1].name', /its port name '.*' collides with another listener's/],
  ['source ranges as a string', () => Exposure.awsNlb({ sourceRanges: '203.0.113.0/24' as never }), 'exposure.sourceRanges', /is not a list of CIDRs/],
  // authentication and authorization
  ['HTTP authentication with PUT', () => Authenticator.http({ url: 'http://auth:8080', method: 'put' as never }), 'authentication.method', /is not get or post/],
  ['JWT from the client id', () => Authenticator.jwt({ secret: { secretName: 'jwt', key: 'hmac' }, from: 'clientid' as never }), 'authentication.from', /is not password or username/],
  ['built-in users by email', () => Authenticator.builtInDatabase({ userIdType: 'email' as never }), 'authentication.userIdType', /is not username or clientid/],
  ['an authenticator given as data', spec({ authentication: [{ kind: 'http' }] }), 'authentication', /is not a list of authenticators/],
  ['bootstrap users before 5.8', spec({ version: '5.4.1', authentication: [Authenticator.builtInDatabase({ bootstrapUsers: { secretName: 'users', key: 'users.csv' } })] }), 'authentication.bootstrapUsers', /has no bootstrap_file for the built-in database/],
  ['two bootstrap user files', spec({
    authentication: [Authenticator.builtInDatabase({ bootstrapUsers: { secretName: 'users', key: 'users.csv' } })],
    listeners: [{ type: ListenerType.TCP, authentication: [Authenticator.builtInDatabase({ bootstrapUsers: { secretName: 'other-users', key: 'users.csv' } })] }],
  }), 'authentication.bootstrapUsers', /names two different user files/],
  ['a file source without rules', () => AuthorizationSource.file([]), 'authorization.sources.file', /needs at least one rule/],
  ['an HTTP source with credentials in the URL', () => AuthorizationSource.http({ url: 'http://user:pw@acl:8080/acl' }), 'authorization.sources.http.url', /without credentials/],
  ['a rule permission of yes', () => AuthorizationSource.file([{ permission: 'yes' as never, who: 'all', action: 'publish', topics: ['t'] }]), 'authorization.sources.file[0].permission', /is not allow or deny/],
  ['a rule action of read', () => AuthorizationSource.file([{ permission: 'allow', who: 'all', action: 'read' as never, topics: ['t'] }]), 'authorization.sources.file[0].action', /is not publish, subscribe or all/],
  ['a rule without topics', () => AuthorizationSource.file([{ permission: 'allow', who: 'all', action: 'publish', topics: [] }]), 'authorization.sources.file[0].topics', /needs at least one topic filter/],
  ['a rule topic that is a number', () => AuthorizationSource.file([{ permission: 'allow', who: 'all', action: 'publish', topics: [42 as never] }]), 'authorization.sources.file[0].topics', /is not a topic filter/],
  ['applications as one object', spec({ authorization: { applications: { username: 'historian' } } }), 'authorization.applications', /is not a list of roles/],
  ['an application with an empty username', spec({ authorization: { applications: [{ username: '', subscribe: ['plant/#'] }] } }), 'authorization.applications[0].username', /is not a username/],
  ['noMatch of maybe', spec({ authorization: { noMatch: 'maybe' } }), 'authorization.noMatch', /is not allow or deny/],
  ['denyAction of kick', spec({ authorization: { denyAction: 'kick' } }), 'authorization.denyAction', /is not ignore or disconnect/],
  ['a source given as data', spec({ authorization: { sources: [{ kind: 'file' }] } }), 'authorization.sources', /is not a list of sources/],
  ['two file sources', spec({ authorization: { sources: [AuthorizationSource.file([{ permission: 'allow', who: 'all', action: 'publish', topics: ['a'] }]), AuthorizationSource.file([{ permission: 'allow', who: 'all', action: 'publish', topics: ['b'] }])] } }), 'authorization.sources', /has two file sources/],
  // integrations
  ['integrations as a list', spec({ integrations: [] }, ee), 'integrations', /is not an object/],
  ['a null Kafka producer', spec({ integrations: { kafka: [null] } }, ee), 'integrations.kafka[0]', /is not a Kafka producer spec/],
  ["a name with '__'", k({ name: 'raw__copy' }), 'integrations.kafka[0].name', /contains '__'/],
  ['a Kafka name with capitals', k({ name: 'Raw' }), 'integrations.kafka[0].name', /is not a valid integration name/],
  ['Kafka without brokers', k({ bootstrapHosts: [] }), 'integrations.kafka[0].bootstrapHosts', /needs at least one broker/],
  ['a broker without port', k({ bootstrapHosts: ['kafka'] }), 'integrations.kafka[0].bootstrapHosts[0]', /is not host:port/],
  ['a Kafka topic with a slash', k({ topic: 'plant/raw' }), 'integrations.kafka[0].topic', /is not a Kafka topic name/],
  ['acks of two', k({ requiredAcks: 'two' }), 'integrations.kafka[0].requiredAcks', /is not an EMQX required_acks value/],
  ['a partition strategy of hash', k({ partitionStrategy: 'hash' }), 'integrations.kafka[0].partitionStrategy', /is not a partition strategy/],
  ['SASL gssapi', k({ sasl: { mechanism: 'gssapi', username: 'u', password: { secretName: 's', key: 'p' } } }), 'integrations.kafka[0].sasl.mechanism', /is not a SASL mechanism/],
  ['SASL without a user', k({ sasl: { mechanism: 'plain', username: '', password: { secretName: 's', key: 'p' } } }), 'integrations.kafka[0].sasl.username', /is required/],
  ['a buffer mode of file', k({ buffer: { mode: 'file' } }), 'integrations.kafka[0].buffer.mode', /is not a buffer mode/],
  ['a batch size as a number', k({ maxBatchBytes: 1048576 }), 'integrations.kafka[0].maxBatchBytes', /is not a Size/],
  ['an InfluxDB name with a dash', i({ name: 'vibration-db' }), 'integrations.influxdb[0].name', /is not a valid integration name/],
  ['an InfluxDB URL', i({ server: 'http://influx:8086' }), 'integrations.influxdb[0].server', /is not host:port/],
  ['InfluxDB v1 and v2', i({ v1: { database: 'd', username: 'u', password: { secretName: 's', key: 'p' } } }), 'integrations.influxdb[0].v2', /needs exactly one of v2 and v1/],
  ['InfluxDB v2 without a bucket', i({ v2: { org: 'o', bucket: '', token: { secretName: 'influx', key: 'token' } } }), 'integrations.influxdb[0].v2', /needs org and bucket/],
  ['a precision of minutes', i({ precision: 'm' }), 'integrations.influxdb[0].precision', /is not a precision/],
  ['an empty write syntax', i({ writeSyntax: ' ' }), 'integrations.influxdb[0].writeSyntax', /is empty/],
  ['a malformed tag set', i({ writeSyntax: 'v,plant rms=${rms}' }), 'integrations.influxdb[0].writeSyntax', /malformed measurement or tag set/],
  ['TLS verify as a word', i({ tls: { verify: 'yes' } }), 'integrations.influxdb[0].tls.verify', /is not true or false/],
  ['an empty TLS server name', i({ tls: { serverName: '' } }), 'integrations.influxdb[0].tls.serverName', /is not a host name/],
  ['an S3 name with a dash', s({ name: 'cold-copy' }), 'integrations.s3[0].name', /is not a valid integration name/],
  ['an S3 format of parquet', s({ format: 'parquet' }), 'integrations.s3[0].format', /is not a file format EMQX writes/],
  ['S3 columns as a string', s({ columnOrder: 'clientid' }), 'integrations.s3[0].columnOrder', /is not a list of column names/],
  ['an empty S3 key', s({ key: ' ' }), 'integrations.s3[0].key', /is not an object key template/],
  ['an S3 access method of host', s({ accessMethod: 'host' }), 'integrations.s3[0].accessMethod', /is not an access method/],
  ['an S3 buffer as a number', s({ maxBufferBytes: 1048576 }), 'integrations.s3[0].maxBufferBytes', /is not a Size/],
  ['a rule id with capitals', rule({ id: 'ToKafka' }), 'integrations.rules[0].id', /is not a valid rule id/],
  ['a rule without actions', rule({ actions: [] }), 'integrations.rules[0].actions', /needs at least one action/],
  ['two rules of one id', spec({ integrations: { rules: [{ id: 'r', sql: 'SELECT * FROM "t/#"', actions: [Action.console()] }, { id: 'r', sql: 'SELECT * FROM "u/#"', actions: [Action.console()] }] } }), 'integrations.rules[1].id', /is used twice/],
  ['an action kind that is an Object.prototype key', spec({ integrations: { rules: [{ id: 'r', sql: 'SELECT * FROM "t/#"', actions: [{ kind: 'toString', name: 'x' }] }] } }), 'integrations.rules[0].actions[0].kind', /is not a kind of action/],
  ['a null rule action', rule({ actions: [null] }), 'integrations.rules[0].actions[0]', /is not a rule action/],
  // MQTT bridges
  ['a bridge name with capitals', b({ name: 'Hub' }), 'mqttBridges[0].name', /is not a valid bridge name/],
  ['a bridge server without port', b({ server: 'hub.example.com' }), 'mqttBridges[0].server', /is not host:port/],
  ['a bridge without a user', b({ username: '' }), 'mqttBridges[0].username', /is required/],
  ['a client id prefix with a slash', b({ clientidPrefix: 'plant/a' }), 'mqttBridges[0].clientidPrefix', /is not a client id prefix/],
  ['a remote prefix without the trailing slash', b({ egress: [{ localFilter: 'plant/#', remotePrefix: 'hub/p' }] }), 'mqttBridges[0].egress[0].remotePrefix', /must be a literal topic prefix ending with '\/'/],
  ['a strip prefix that is not the filter\'s start', b({ egress: undefined, ingress: [{ remoteFilter: 'hub/p/cmd/#', stripPrefix: 'hub/q/' }] }), 'mqttBridges[0].ingress[0].stripPrefix', /is not a prefix of the remote filter/],
  ['a strip prefix that leaves nothing', b({ egress: undefined, ingress: [{ remoteFilter: 'hub/p/', stripPrefix: 'hub/p/' }] }), 'mqttBridges[0].ingress[0].stripPrefix', /leaves an empty local topic/],
  ['an empty local filter', b({ egress: [{ localFilter: '', remotePrefix: 'hub/p/' }] }), 'mqttBridges[0].egress[0].localFilter', /is not a topic filter/],
  ['a wildcard in a remote prefix', b({ egress: [{ localFilter: 'plant/#', remotePrefix: 'hub/+/' }] }), 'mqttBridges[0].egress[0].remotePrefix', /must be a topic name here, without wildcards/],
  ['a bridge that forwards nothing', b({ egress: [] }), 'mqttBridges[0]', /forwards nothing/],
  ['a bridge buffer as a number', b({ maxBufferBytes: 1048576 }), 'mqttBridges[0].maxBufferBytes', /is not a Size/],
  // federation
  ['{plant} in an up filter', () => Route.up('plant/{plant}/alerts/#', { prefix: 'hub/{plant}/' }), 'route.up.filter', /is a plant-local filter/],
  ['a hub authenticator that is not HTTP', () => BridgeAuthentication.http(Authenticator.builtInDatabase()), 'hub.bridgeAuthentication', /is not an HTTP authenticator/],
  ['a federation name with capitals', fed((f) => ({ ...f, name: 'IIoT' })), 'federation.name', /is not a valid federation name/],
  ['a federation without plants', fed((f) => ({ ...f, plants: [] })), 'federation.plants', /needs at least one plant/],
  ['a federation without routes', fed((f) => ({ ...f, routes: [] })), 'federation.routes', /needs at least one route/],
  ['a hub without a bridge hostname', hub({ bridgeListener: { ...federationSpec.hub.bridgeListener, hostname: undefined } }), 'hub.bridgeListener.hostname', /is required/],
  ['hub applications as one object', hub({ applications: { username: 'alerting', receive: true } }), 'hub.applications', /is not a list of applications/],
  ['{#} for a filter without #', () => Route.up('plant/+/alerts', { to: 'hub/{plant}/alerts/{1}/{#}' }), 'route.up.to', /uses \{#\}, but 'plant\/\+\/alerts' does not end with '#'/],
  // monitoring
  ['an empty target label', spec({ monitoring: { targetLabels: { plant: '' } } }), 'monitoring.targetLabels.plant', /needs a value/],
  ['an API key Secret with capitals', spec({ monitoring: { apiKey: { secretName: 'Metrics' } } }), 'monitoring.apiKey.secretName', /is not a valid Secret name/],
  ['alert rules as one object', spec({ monitoring: { extraAlertRules: alert } }), 'monitoring.extraAlertRules', /is not a list of alert rules/],
  ['a null alert rule', spec({ monitoring: { extraAlertRules: [null] } }), 'monitoring.extraAlertRules[0]', /is not an alert rule/],
  ['an alert label that is a number', spec({ monitoring: { extraAlertRules: [{ ...alert, labels: { tier: 1 } }] } }), 'monitoring.extraAlertRules[0].labels.tier', /is not a string/],
  ['an annotation name with a dash', spec({ monitoring: { extraAlertRules: [{ ...alert, annotations: { 'runbook-url': 'x' } }] } }), 'monitoring.extraAlertRules[0].annotations.runbook-url', /is not an annotation name/],
  ['an annotation that is a number', spec({ monitoring: { extraAlertRules: [{ ...alert, annotations: { dashboard: 7 } }] } }), 'monitoring.extraAlertRules[0].annotations.dashboard', /is not a string/],
  // NetworkPolicies
  ['an extra egress port of zero', spec({ networkPolicies: { ...TEST_NETWORK_POLICIES, extraEgress: [{ to: [Peer.anywhere()], ports: [{ port: 0 }] }] } }), 'networkPolicies.extraEgress[0].ports[0].port', /is not a port/],
  ['an extra egress protocol of SCTP', spec({ networkPolicies: { ...TEST_NETWORK_POLICIES, extraEgress: [{ to: [Peer.anywhere()], ports: [{ port: 9000, protocol: 'SCTP' }] }] } }), 'networkPolicies.extraEgress[0].ports[0].protocol', /is not TCP or UDP/],
  ['extra egress to a CIDR string', spec({ networkPolicies: { ...TEST_NETWORK_POLICIES, extraEgress: [{ to: ['10.0.0.0/8'], ports: [{ port: 9000 }] }] } }), 'networkPolicies.extraEgress[0].to', /needs a list of peers/],
  ['VPC CIDRs as a string', spec({ networkPolicies: { vpcCidrs: '10.0.0.0/16' } }), 'networkPolicies.vpcCidrs', /is not a list of CIDRs/],
  ['an API server port of zero', spec({ networkPolicies: { ...TEST_NETWORK_POLICIES, apiServer: { cidrs: ['10.100.0.10/32'], port: 0 } } }), 'networkPolicies.apiServer.port', /is not a port/],
  // backup and durable sessions
  ['a backup region with capitals', spec({ backup: { bucket: 'emqx-backups', region: 'EU-WEST-1', apiKey: { secretName: 'backup' } } }), 'backup.region', /is not an AWS region/],
  ['a backup role that is a user', spec({ backup: { bucket: 'emqx-backups', region: 'eu-west-1', apiKey: { secretName: 'backup' }, roleArn: 'arn:aws:iam::123456789012:user/emqx' } }), 'backup.roleArn', /is not an IAM role ARN/],
  ['2048 durable shards', spec({ durableSessions: { nShards: 2048 } }, { ...ee, version: '6.0.1' }), 'durableSessions.nShards', /from 1 to 1024/],
  ['a replication factor on open source', spec({ cores: 1, discovery: Discovery.singleton(), durableSessions: { replicationFactor: 3 } }), 'durableSessions.replicationFactor', /is not a field of the builtin_local backend/],
  // workload settings and the operator backend
  ['a volume name with capitals', pod({ volumes: [{ name: 'Certs', emptyDir: {} }] }), 'workload.volumes[0].name', /is not a volume name/],
  ['an emptyDir on HugePages', pod({ volumes: [{ name: 'scratch', emptyDir: { medium: 'HugePages' } }] }), 'workload.volumes[0].emptyDir.medium', /is not 'Memory'/],
  ['a sidecar name with capitals', pod({ sidecars: [{ name: 'Shipper', image: 'fluent/fluent-bit:3.1.9' }] }), 'workload.sidecars[0].name', /is not a container name/],
  ['a sidecar image with a space', pod({ sidecars: [{ name: 'shipper', image: 'fluent bit' }] }), 'workload.sidecars[0].image', /is not an image reference/],
  ['a pod label the cluster sets', spec({ labels: { team: 'iot' }, workload: { podLabels: { team: 'x' } } }), 'workload.podLabels.team', /is one of the cluster's labels/],
  ['an operator config mode of Patch', spec({ backend: WorkloadBackend.emqxOperator({ configMode: 'Patch' as never }) }), 'backend.emqxOperator.configMode', /is not a config mode/],
  ['an operator controller given as data', spec({ backend: WorkloadBackend.emqxOperator({ controllerPeer: { namespace: 'x' } as never }) }), 'backend.emqxOperator.controllerPeer', /is not a Peer/],
  ['a license that is not a Secret reference', spec({ license: true }, ee), 'license', /is not a Secret reference/],
];

describe('every refusal names the field, the value and the fix', () => {
  test.each(cases)('%s', (_, run, field, message) => {
    const e = specErrorOf(run);
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
    // the message shape: "<field>: <what> (got <value>); <fix>"
    expect(e.message.startsWith(`${field}: `)).toBe(true);
    expect(e.message).toMatch(/\(got .*\); \S/s);
  });
});
