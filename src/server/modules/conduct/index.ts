// Owns conduct points 积分: the deductions decided against people (by alert rectifications and, later, other
// sources), each linked back to its source. Other modules write and read them only through this file.
export { insertDeduction as recordDeduction, deductionsOfAlert, type ConductDeduction, type DeductionInput } from './conduct.repository.ts';
