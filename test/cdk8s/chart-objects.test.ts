// The fleet's object order is cdk8s's: the oracle is what cdk8s's own synthesis of the chart returns.
import { ApiObject, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { chartObjects } from '../../lib/cdk8s/chart-objects';

function chart() {
  const app = Testing.app();
  const c = new Chart(app, 'c', { namespace: 'iot' });
  const a = new Construct(c, 'A');
  const objs = ['one', 'two', 'three', 'four'].map((name, i) => new ApiObject(i < 2 ? a : c, name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }));
  // an object of a nested chart is that chart's, not this one's
  new ApiObject(new Chart(c, 'nested', { namespace: 'other' }), 'five', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'five' } });
  return { c, objs };
}

const names = (xs: { metadata: { name?: string } }[] | ApiObject[]) => xs.map((x: any) => (x instanceof ApiObject ? x.name : x.metadata.name));

test('without dependencies: the tree order, the chart\'s own objects only, as cdk8s synthesizes them', () => {
  const { c } = chart();
  expect(names(chartObjects(c))).toEqual(['one', 'two', 'three', 'four']);
  expect(names(chartObjects(c))).toEqual(names(Testing.synth(c)));
});

test('with a dependency: cdk8s\'s dependency order', () => {
  const { c, objs } = chart();
  objs[0].addDependency(objs[3]); // "one" after "four"
  const order = names(chartObjects(c));
  expect(order.indexOf('four')).toBeLessThan(order.indexOf('one'));
  expect(order).toEqual(names(Testing.synth(c)));
});
