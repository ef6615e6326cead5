// What a user's Pulumi repo has: ts-jest for their own TypeScript, nothing for emqx-constructs.
module.exports = { preset: 'ts-jest', testEnvironment: 'node', testMatch: ['**/*.test.ts'] };
