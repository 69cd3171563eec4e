// The code-server launcher lives in tools/codeServer/ so that `npm start` can use it without loading test code.
export * from '../../tools/codeServer/codeServer';
