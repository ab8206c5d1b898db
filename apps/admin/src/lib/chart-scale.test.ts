import { describe, expect, it } from 'vitest';
import { axisTicks, labelIndexes, niceCeiling, stackTops, toX, toY } from './chart-scale';

describe('chart scales', () => {
  it('rounds the axis top up to 1, 2, 2.5 or 5 x 10^n', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(Number.NaN)).toBe(1);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(13)).toBe(20);
    expect(niceCeiling(21)).toBe(25);
    expect(niceCeiling(2600)).toBe(5000);
    expect(niceCeiling(0.3)).toBe(0.5);
    expect(niceCeiling(0.0012)).toBe(0.002);
  });

  it('puts gridlines on round steps, without float dust', () => {
    expect(axisTicks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(axisTicks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(axisTicks(2.5)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(axisTicks(0.1)).toEqual([0, 0.02, 0.04, 0.06, 0.08, 0.1]);
    expect(axisTicks(0.002)).toEqual([0, 0.0005, 0.001, 0.0015, 0.002]);
  });

  it('maps values to coordinates, clamped to the plot', () => {
    expect(toY(0, 10, 100)).toBe(100);
    expect(toY(10, 10, 100)).toBe(0);
    expect(toY(2.5, 10, 100)).toBe(75);
    expect(toY(20, 10, 100)).toBe(0);
    expect(toY(-1, 10, 100)).toBe(100);
    expect(toX(3, 24, 480)).toBe(60);
    expect(toX(0, 0, 480)).toBe(0);
  });

  it('sums stacked series per column', () => {
    expect(stackTops([{ values: [1, 2, 3] }, { values: [4, 0, 1] }])).toEqual([5, 2, 4]);
    expect(stackTops([])).toEqual([]);
  });

  it('places a handful of axis labels', () => {
    expect(labelIndexes(24)).toEqual([0, 4, 8, 12, 16, 20]);
    expect(labelIndexes(3)).toEqual([0, 1, 2]);
    expect(labelIndexes(0)).toEqual([]);
  });
});
