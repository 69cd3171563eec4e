// Shared with `npm start`: see tools/codeServer/.
export * from '../../tools/codeServer/cleanup';
