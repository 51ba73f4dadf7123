import java.security.MessageDigest
def log = new File(basedir, 'build.log').text
// The private Helm home is removed at exit without touching the plugin's (closed) class loader.
assert !log.contains('Exception in thread') && !log.contains('NoClassDefFoundError') : 'a clean JVM exit'
def address = new File(basedir, 'registry.address').text.trim()
try {
  assert log =~ /Validated 65 documents in 6 files: 0 errors, 0 warnings/
  // package (phase package) checked the chart; validate (phase verify) reused that verdict.
  assert (log =~ /Chart target\/aibrix-chart\/helm\/aibrix-model: verdict reused/).count == 1 : 'the chart is checked once per build'
  def archive = new File(basedir, 'target/charts/aibrix-model-2.3.4.tgz')
  assert archive.isFile()
  def sha = MessageDigest.getInstance('SHA-256').digest(archive.bytes).encodeHex().toString()
  assert log.contains("Packaged chart aibrix-model 2.3.4: ${archive.path} (sha256 ${sha}")
  assert log.contains('entries dated 2026-02-03T04:05:06Z')
  def index = new File(basedir, 'target/charts/index.yaml').text
  assert index.contains("digest: ${sha}") && index.contains('https://charts.example.com/stable/aibrix-model-2.3.4.tgz')
  assert log =~ /Pushed chart aibrix-model 2\.3\.4 \(archive sha256 ${sha}\) to oci:\/\/${address}\/charts; digest sha256:[0-9a-f]{64} as it-user/
  assert !log.contains('it-secret') : 'the password never reaches the log'
  // read the chart back from the registry and compare digests
  def auth = 'Basic ' + 'it-user:it-secret'.bytes.encodeBase64().toString()
  def manifest = new URL("http://${address}/v2/charts/aibrix-model/manifests/2.3.4").openConnection()
  manifest.setRequestProperty('Accept', 'application/vnd.oci.image.manifest.v1+json')
  manifest.setRequestProperty('Authorization', auth)
  def layers = new groovy.json.JsonSlurper().parse(manifest.inputStream).layers
  assert layers.find { it.mediaType.contains('helm.chart.content') }.digest == "sha256:${sha}"
  // timing figures for the note
  def total = (log =~ /Total time:\s+([0-9.:]+ \w+)/)
  println "release-all-goals: total ${total ? total[0][1] : '?'}"
} finally {
  def holder = Class.forName('com.marcnuri.helm.Helm$HelmLibHolder')
  def field = holder.getDeclaredField('INSTANCE')
  field.setAccessible(true)
  field.get(null).RepoServerStop(address)
}
return true
