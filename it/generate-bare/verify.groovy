def out = new File(basedir, 'target/aibrix-chart')
assert new File(out, 'helm/aibrix-model/Chart.yaml').text.contains("version: '0.0.1'")
assert new File(out, 'samples/quickstart/model-with-kv-events.yaml').isFile()
return true
