// The Pulumi side: components over the same constructs, plus the AWS pieces.
export * from './render-in-memory';
export * from './log-findings';
export * from './kubernetes-secrets';
export * from './emqx-site-component';
export * from './emqx-cluster-component';
export * from './federation-sites';
export * from './nlb-dns-records';
export * from './backup-bucket';
export * from './dns-validated-certificate';
export * from './hub-stack-reference';
