def log = new File(basedir, 'build.log').text
assert log.contains("k8s/deployment.yaml:6:3: error [schema-unknown-field] unknown field 'replicaz' in /spec (Deployment has no such field). Fix: Did you mean 'replicas'?")
assert log.contains('Validated 1 documents in 1 files: 1 errors, 0 warnings')
assert log =~ /Validation failed: 1 errors, 0 warnings\. Fix the lines above; details in .*validation\.json/
assert !(log =~ /\n\s+at [a-z]+\.[a-z]+\./) : 'no Java stack trace in the normal log'
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/aibrix-chart-reports/validation.json'))
assert json.violations[0].pointer == '/spec/replicaz' && json.violations[0].line == 6
return true
