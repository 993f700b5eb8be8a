// The example's build imports YAML files as text (esbuild `loader: { '.yaml': 'text' }`).
declare module '*.yaml' {
  const text: string;
  export default text;
}
