/** exceljs' internal helpers (exceljs 4.4, lib/utils/utils.js), used by row-xml.ts. */
declare module 'exceljs/lib/utils/utils.js' {
  const utils: {
    /** Escapes XML's five special characters and drops the control characters XML cannot hold. */
    xmlEncode(text: string): string;
    /** Excel's serial day number of a date (the 1900 system unless date1904). */
    dateToExcel(d: Date, date1904?: boolean): number;
  };
  export default utils;
}
