// The default run writes every file of the design's layout, and its samples and guide are
// byte-identical to the ones committed in this repository.
def out = new File(basedir, 'target/aibrix-chart')
def expected = [
  'helm/aibrix-model/.helmignore', 'helm/aibrix-model/Chart.yaml', 'helm/aibrix-model/values.yaml', 'helm/aibrix-model/values.schema.json',
  'helm/aibrix-model/templates/deployment.yaml', 'helm/aibrix-model/templates/service.yaml',
  'helm/aibrix-model/templates/serviceaccount.yaml', 'helm/aibrix-model/templates/networkpolicy.yaml',
  'helm/aibrix-model/templates/_helpers.tpl', 'helm/aibrix-model/templates/NOTES.txt',
  'samples/quickstart/model-with-kv-events.yaml', 'samples/quickstart/model-with-kv-events-env.yaml',
  'samples/autoscaling/kpa-with-kv-events.yaml', 'samples/network-policies/allow-kv-events.yaml',
  'samples/gateway/gateway-kv-sync.yaml', 'migration/enable-kv-events.sh', 'docs/kv-cache-events-guide.md',
]
expected.each { name -> assert new File(out, name).isFile() : "missing $name" }
def repo = new File(repoRoot)
['samples/quickstart/model-with-kv-events.yaml', 'samples/quickstart/model-with-kv-events-env.yaml',
 'samples/autoscaling/kpa-with-kv-events.yaml', 'samples/network-policies/allow-kv-events.yaml',
 'samples/gateway/gateway-kv-sync.yaml', 'docs/kv-cache-events-guide.md'].each { name ->
  assert new File(out, name).text == new File(repo, name).text : "$name drifted from the committed copy"
}
assert new File(out, 'helm/aibrix-model/Chart.yaml').text.contains("version: '1.0.0'")
assert new File(out, 'migration/enable-kv-events.sh').canExecute()
def log = new File(basedir, 'build.log').text
// The private Helm home is removed at exit without touching the plugin's (closed) class loader.
assert !log.contains('Exception in thread') && !log.contains('NoClassDefFoundError') : 'a clean JVM exit'
assert log =~ /Generated chart aibrix-model 1\.0\.0 for 2 model\(s\): 32 files in .*aibrix-chart/
// generate then validate: the output, chart renderings included, is clean
assert log =~ /Validated 65 documents in 6 files: 0 errors, 0 warnings/
return true
