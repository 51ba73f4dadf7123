def out = new File(basedir, 'target/fleet')
def env = new File(out, 'samples/quickstart/model-with-kv-events-env.yaml').text
assert env.contains('name: qwen-7b')
assert env.contains("value: '2000'")
def args = new File(out, 'samples/quickstart/model-with-kv-events.yaml').text
assert args.contains('name: mistral-7b') && args.contains('name: tiny-no-kv')
assert args.contains('"buffer_steps":10000')
// the model without KV events has no KV flag, ports or label
def tiny = args.substring(args.indexOf('name: tiny-no-kv'))
assert !tiny.contains('--kv-events-config') && !tiny.contains('5557') && !tiny.contains('kv-events-enabled')
def kpa = new File(out, 'samples/autoscaling/kpa-with-kv-events.yaml').text
assert kpa.contains('name: mistral-7b-kpa') && kpa.contains('maxReplicas: 8')
// AIBrix v0.6.0: the v0.5.0-line names for the gateway (v0.4.x and v0.5.x cannot decode vLLM's events)
def gateway = new File(out, 'samples/gateway/gateway-kv-sync.yaml').text
assert gateway.contains('AIBRIX_PREFIX_CACHE_KV_EVENT_SYNC_ENABLED: ')
assert gateway.contains('AIBRIX_PREFIX_CACHE_REMOTE_TOKENIZER_ENDPOINT: http://qwen-7b.llm.svc.cluster.local:8000')
assert new File(out, 'helm/aibrix-model/Chart.yaml').text.contains("version: '3.1.0'")
assert new File(out, 'helm/aibrix-model/values.yaml').text.contains('name: qwen-7b')
assert new File(basedir, "build.log").text =~ /Validated \d+ documents in \d+ files: 0 errors, 0 warnings/
return true
