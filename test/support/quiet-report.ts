// Tests assert findings directly; keep the stderr findings table out of the test output.
process.env.EMQX_CONSTRUCTS_REPORT = 'off';
