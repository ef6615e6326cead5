/** How strictly pods of one role are spread across zones (`topologySpreadConstraints`). */
export enum ZoneSpread {
  /** `whenUnsatisfiable: DoNotSchedule`: a pod stays Pending rather than share a zone unevenly. */
  HARD = 'DoNotSchedule',
  /** `whenUnsatisfiable: ScheduleAnyway`: spread when possible. */
  SOFT = 'ScheduleAnyway',
  /** No zone constraint. */
  NONE = 'None',
}
