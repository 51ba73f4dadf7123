def log = new File(basedir, 'build.log').text
assert log =~ /broken-models\.yaml:4:12: image 'vllm\/vllm-openai:v0\.7\.1' is vLLM v0\.7\.1, which predates KV-cache events/
def out = new File(basedir, 'target/aibrix-chart')
// the first execution's output is still there, whole and unchanged
assert new File(out, 'helm/aibrix-model/values.yaml').text.contains('name: deepseek-r1-distill-llama-8b')
assert new File(out, 'samples/quickstart/model-with-kv-events.yaml').text ==
    new File(repoRoot, 'samples/quickstart/model-with-kv-events.yaml').text
assert new File(out, '.aibrix-chart-files').readLines().size() == 32
def strays = new File(basedir, 'target').list().findAll { it.startsWith('.aibrix-chart') }
assert strays.isEmpty() : "stray temporary files: ${strays}"
assert !(log =~ /\n\s+at [a-z]+\.[a-z]+\./) : 'no Java stack trace in the normal log'
return true
