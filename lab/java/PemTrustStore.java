import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * lab/trixie-jdk.sh: the build JDK's trust store (lib/security/cacerts) from the host's CA bundle,
 * /etc/ssl/certs/ca-certificates.crt, which Debian's ca-certificates keeps, local CAs included;
 * so Maven trusts what the host trusts. Debian's own Java trust store (ca-certificates-java)
 * is only made where a Java runtime was installed from Debian's packages, which a host without
 * a JDK 22+ need not have.
 *
 * <p>{@code java -Dkeystore.pkcs12.certProtectionAlgorithm=NONE -Dkeystore.pkcs12.macAlgorithm=NONE
 * PemTrustStore.java BUNDLE.pem OUT.p12}: a PKCS12 key store holding every certificate of the
 * bundle as a trusted entry; with those two properties, as the JDK's own cacerts, it needs no
 * password to be read (a JVM reads its default trust store without one).
 */
public final class PemTrustStore {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java PemTrustStore.java BUNDLE.pem OUT.p12");
            System.exit(2);
        }
        Collection<? extends Certificate> certificates;
        try (InputStream in = new FileInputStream(args[0])) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (Certificate c : certificates) {
            String alias = "ca-" + n++ + "-" + ((X509Certificate) c).getSubjectX500Principal().getName("RFC2253");
            store.setCertificateEntry(alias, c);
        }
        if (n == 0) {
            throw new IllegalArgumentException(args[0] + " holds no certificate");
        }
        try (OutputStream out = new FileOutputStream(args[1])) {
            store.store(out, "changeit".toCharArray());
        }
        System.out.println(n + " certificates from " + args[0]);
    }
}
