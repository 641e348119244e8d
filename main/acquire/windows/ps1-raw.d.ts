// PowerShell scripts are imported as text: `?raw` in vitest (Vite), the '.ps1' text loader in the
// esbuild bundle (scripts/build.mjs), which ignores the query suffix.
declare module '*.ps1?raw' {
  const text: string;
  export default text;
}
