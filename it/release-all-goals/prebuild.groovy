// Starts helm-java's embedded OCI registry (with credentials) on loopback for this build.
import com.marcnuri.helm.jni.RepoServerOptions
io.github.kvchart.aibrix.core.helm.HelmEnvironment.isolate()
def holder = Class.forName('com.marcnuri.helm.Helm$HelmLibHolder')
def field = holder.getDeclaredField('INSTANCE')
field.setAccessible(true)
def lib = field.get(null)
def address = lib.RepoOciServerStart(new RepoServerOptions(null, 'it-user', 'it-secret')).out
new File(basedir, 'registry.address').text = address
new File(basedir, 'test.properties').text = "aibrix-chart.repository=oci://${address}/charts\n"
return true
