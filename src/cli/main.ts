/** Entry point of the `vpcreach` command. */
export async function main(argv: readonly string[]): Promise<void> {
  process.stdout.write(`vpcreach ${argv.slice(2).join(' ')}\n`);
}
