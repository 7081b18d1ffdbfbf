// Stands in for the `server-only` package in the custom server's bundle (scripts/stack/build-server.ts): that package
// throws unless React's server bundler resolved it, and this bundle is server code by construction.
export {};
