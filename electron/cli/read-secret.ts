import { createInterface } from 'node:readline';

/**
 * Reads a secret from standard input: piped, the whole input (trimmed); at a terminal, a prompt with
 * echo off. Never from argv or the environment, where other processes and shell history can see it.
 */
export async function readSecret(
  prompt: string,
  stdin: NodeJS.ReadStream = process.stdin,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stdin) {
      size += (chunk as Buffer).length;
      if (size > 16_384) throw new Error('The secret on standard input is longer than 16 KiB.');
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  stderr.write(prompt);
  const rl = createInterface({ input: stdin, terminal: true });
  // Swallow the echo: readline writes typed characters through _writeToOutput.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  try {
    return await new Promise<string>((resolve) => rl.question('', (answer) => resolve(answer.trim())));
  } finally {
    rl.close();
    stderr.write('\n');
  }
}
