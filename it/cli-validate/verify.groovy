// The self-contained cli jar the plugin module attaches, run as a user would run it.
def jar = new File(basedir, '../..').listFiles().find { it.name.endsWith('-cli.jar') }
assert jar != null : 'the plugin module attaches an ...-cli.jar'
def java = new File(System.getProperty('java.home'), 'bin/java').path

def run = { List<String> args ->
  def process = ([java, '-jar', jar.path] + args).execute(null, basedir)
  def out = new StringBuilder(), err = new StringBuilder()
  process.waitForProcessOutput(out, err)
  [code: process.exitValue(), out: out.toString(), err: err.toString()]
}

def clean = run(['validate', 'clean'])
assert clean.code == 0 : clean
assert clean.out.contains('Validated 2 documents in 2 files: 0 errors, 0 warnings')
assert !clean.err.contains('SLF4J') : 'no logging noise on the command line'

// A schema only the general engine checks: its logging stays silent too (SLF4J's no-op binding).
def custom = run(['validate', '--crds', 'crds/gadget-crd.yaml', 'custom'])
assert custom.code == 0 : custom
assert custom.out.contains('Validated 1 documents in 1 files: 0 errors, 0 warnings')
assert !custom.err.contains('SLF4J') : 'no logging noise with the general schema engine: ' + custom.err

def failing = run(['validate', '--kubernetes-version', '1.33', 'failing'])
assert failing.code == 1 : failing
assert failing.out.contains("failing/deployment.yaml:6:3: error [schema-unknown-field] unknown field 'replicaz' in /spec (Deployment has no such field). Fix: Did you mean 'replicas'?")
assert failing.out.contains('Validated 1 documents in 1 files: 1 errors, 0 warnings')

def sarif = run(['validate', '--format', 'sarif', 'failing'])
assert sarif.code == 1
assert new groovy.json.JsonSlurper().parseText(sarif.out).runs[0].results.size() == 1

def usage = run(['validate', '--kubernetes-version', '1.12', 'clean'])
assert usage.code == 2 : usage
assert usage.err.contains('no schemas for Kubernetes 1.12')
assert !(usage.err =~ /\n\s+at [a-z]+\.[a-z]+\./) : 'no Java stack trace'

def help = run(['--help'])
assert help.code == 0 && help.out.contains('--fail-on-warning')
return true
