// Webhooks set up at start: the scenario's section (checked by the schema) and the CLI's flags.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SHIPMENT_ERROR_SIGNING } from '../../../../src/oto/webhooks';
import { parseScenario, ScenarioError, scenarioFromState, startSandbox } from '../../../../src/sandbox';
import { parseArguments } from '../../../../src/sandboxCli/cli';
import { startReceiver, verifies } from './receiver';
import { run, waitFor } from '../support/cliProcess';

describe('sandbox webhooks: scenario and CLI', () => {
  it('reads a scenario webhooks section and delivers with its choices and faults', async () => {
    const receiver = await startReceiver();
    const scenario = parseScenario(JSON.stringify({
      webhooks: {
        register: [{ url: receiver.url, webhookType: 'shipmentError', secretKey: 'scenario-secret-1', authorizationKey: 'scenario-auth-1' }],
        shipmentErrorSigning: 'status',
        authorization: 'bearer',
        faults: [{ kind: 'staleTimestamp', times: 1 }],
      },
    }));
    const sandbox = await startSandbox({ scenario });
    try {
      const orderId = sandbox.exportState().orders[0].orderId;
      sandbox.webhooks.trigger({ type: 'shipmentError', orderId, fields: { status: 'shipmentCreated' } });
      const [delivery] = await receiver.received(1);
      assert.equal(delivery.headers.authorization, 'Bearer scenario-auth-1');
      assert.ok(verifies(delivery.json, 'scenario-secret-1', 'status'));
      assert.ok(Date.now() - (delivery.json.timestamp as number) > 23 * 3600_000);
    } finally {
      await sandbox.close();
      await receiver.close();
    }
  });

  it('keeps the webhooks section when the state is saved as a scenario', async () => {
    const webhooks = { register: [{ url: 'http://127.0.0.1:9/hook', secretKey: 'kept-secret-1' }], authorization: 'bearer' as const };
    const sandbox = await startSandbox({ scenario: { webhooks } });
    try {
      assert.deepEqual(scenarioFromState(sandbox.exportState(), { webhooks }).webhooks, webhooks);
      assert.equal(scenarioFromState(sandbox.exportState(), {}).webhooks, undefined);
    } finally {
      await sandbox.close();
    }
  });

  it('documents the shipmentError signing default the sandbox signs with, src/oto\'s one default', async () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', '..', 'src', 'sandbox', 'scenario', 'scenario.schema.json'), 'utf8')) as { properties: { webhooks: { properties: { shipmentErrorSigning: { enum: string[]; enumDescriptions: string[]; description: string } } } } };
    const choice = schema.properties.webhooks.properties.shipmentErrorSigning;
    const marked = choice.enum.filter((_value, index) => choice.enumDescriptions[index].includes('(the default)'));
    assert.deepEqual(marked, [DEFAULT_SHIPMENT_ERROR_SIGNING]);
    assert.ok(choice.description.endsWith(`Default ${DEFAULT_SHIPMENT_ERROR_SIGNING}.`));
    const receiver = await startReceiver();
    const sandbox = await startSandbox({ webhooks: { register: [{ url: receiver.url, secretKey: 'default-signing-secret', webhookType: 'shipmentError' }] } });
    try {
      sandbox.webhooks.trigger({ type: 'shipmentError', orderId: sandbox.exportState().orders[0].orderId });
      const [delivery] = await receiver.received(1);
      assert.ok(verifies(delivery.json, 'default-signing-secret', DEFAULT_SHIPMENT_ERROR_SIGNING));
    } finally {
      await sandbox.close();
      await receiver.close();
    }
  });

  it('refuses a webhooks section OTO would refuse, naming the field', () => {
    assert.throws(
      () => parseScenario(JSON.stringify({ webhooks: { register: [{ url: 'ftp://x', secretKey: 's'.repeat(256) }], faults: [{ kind: 'explode' }], authorization: 'basic' } })),
      (error: ScenarioError) => {
        const fields = error.problems.map((problem) => problem.field).join(' ');
        return ['webhooks.register[0].url', 'webhooks.register[0].secretKey', 'webhooks.faults[0].kind', 'webhooks.authorization'].every((field) => fields.includes(field));
      },
    );
  });

  it('registers --webhook with --webhook-secret and --webhook-type at start', async () => {
    const receiver = await startReceiver();
    const cli = parseArguments(['--port', '0', '--webhook', receiver.url, '--webhook-secret', 'cli-secret-42', '--webhook-type', 'walletTransaction'], {});
    assert.deepEqual(cli.sandbox.webhooks, { register: [{ url: receiver.url, secretKey: 'cli-secret-42', webhookType: 'walletTransaction' }] });
    const sandbox = await startSandbox({ ...cli.sandbox });
    try {
      assert.deepEqual(sandbox.webhooks.list(), [{ id: 1, method: 'post', url: receiver.url, webhookType: 'walletTransaction', secretKey: 'cli-secret-42' }]);
      sandbox.webhooks.trigger({ type: 'walletTransaction', orderId: sandbox.exportState().orders[0].orderId });
      const [delivery] = await receiver.received(1);
      assert.ok(verifies(delivery.json, 'cli-secret-42', 'transactionStatus'));
    } finally {
      await sandbox.close();
      await receiver.close();
    }
    assert.throws(() => parseArguments(['--webhook-secret', 'x'], {}), /need --webhook URL/);
    assert.throws(() => parseArguments(['--webhook', 'http://127.0.0.1:1/', '--webhook-type', 'stock'], {}), /--webhook-type must be orderStatus, newOrders/);
    assert.throws(() => parseArguments(['--proxy', 'http://127.0.0.1:1', '--webhook', 'http://127.0.0.1:1/'], {}), /cannot be used with --proxy/);
  });

  it('says at start when a --webhook URL is not loopback, so its deliveries are recorded, not sent; not once the scenario allows remote ones', async function () {
    this.timeout(30_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-webhook-cli-'));
    const scenario = path.join(dir, 'remote.json');
    fs.writeFileSync(scenario, JSON.stringify({ webhooks: { allowRemote: true } }));
    try {
      for (const [extra, said] of [[[], true], [['--scenario', scenario], false]] as const) {
        const cli = run(['--port', '0', '--webhook', 'http://10.0.0.1:9/erp', ...extra]);
        try {
          const [banner] = await waitFor(/webhook 1:[^]*?Try it:/, cli);
          assert.strictEqual(/not loopback: its deliveries are recorded, not sent \(a scenario's "webhooks": \{"allowRemote": true\} sends them\)/.test(banner), said, banner);
        } finally {
          cli.child.kill('SIGTERM');
          await cli.exited;
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
