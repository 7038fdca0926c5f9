package fr.lexom.contracts.process;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Models from bpmn/ and forms/ are deployed under stable names: running from a folder
 * (./mvnw spring-boot:run) or from the jar (java -jar) on one database makes no new version.
 */
@IntegrationTest
class ModelDeploymentTest {

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    FormService formService;

    @Test
    void modelsAreDeployedWithStableNames() {
        var deployment = repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
                .orderByDeploymentTime().desc().list().get(0);
        List<String> names = repositoryService.getDeploymentResourceNames(deployment.getId());
        assertThat(names).contains("bpmn/training-contract.bpmn", "forms/quote-request.form", "forms/record-signature.form");
        assertThat(names).allMatch(name -> name.startsWith("bpmn/") || name.startsWith("forms/"));
    }

    @Test
    void startingFromTheFolderThenFromTheJarCreatesNoNewVersion(@TempDir Path temp) throws IOException {
        Path classes = Path.of("target/classes");
        Path folder = temp.resolve("exploded");
        copy(classes, folder);
        Path jar = temp.resolve("app.jar");
        writeJar(classes, jar, "BOOT-INF/classes/");
        long deploymentsBefore = repositoryService.createDeploymentQuery().count();
        int versionBefore = latest("training-contract").getVersion();

        try (URLClassLoader fromFolder = new URLClassLoader(new URL[] {folder.toUri().toURL()}, null);
             URLClassLoader fromJar = new URLClassLoader(new URL[] {jarRoot(jar)}, null)) {
            assertThat(new ModelDeployer(fromFolder).deploy(repositoryService)).isNull();
            assertThat(new ModelDeployer(fromJar).deploy(repositoryService)).isNull();
            assertThat(new ModelDeployer(fromFolder).findModels().keySet())
                    .isEqualTo(new ModelDeployer(fromJar).findModels().keySet());
        }

        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);
        assertThat(latest("training-contract").getVersion()).isEqualTo(versionBefore);
    }

    @Test
    void aChangedModelIsDeployedWithItsFormsAsOneNewVersion(@TempDir Path temp) throws IOException {
        Path folder = temp.resolve("changed");
        copy(Path.of("target/classes"), folder);
        Path bpmn = folder.resolve("bpmn/training-contract.bpmn");
        Files.writeString(bpmn, Files.readString(bpmn).replace("Contrat de formation", "Contrat de formation (v2)"));
        int versionBefore = latest("training-contract").getVersion();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, null)) {
            var deployment = new ModelDeployer(loader).deploy(repositoryService);
            assertThat(deployment).isNotNull();
            assertThat(repositoryService.getDeploymentResourceNames(deployment.getId()))
                    .contains("forms/quote-request.form", "forms/record-signature.form");
            // back to the real models, so the other tests run the committed version
            try (URLClassLoader original = new URLClassLoader(new URL[] {Path.of("target/classes").toUri().toURL()}, null)) {
                assertThat(new ModelDeployer(original).deploy(repositoryService)).isNotNull();
            }
        }
        assertThat(latest("training-contract").getVersion()).isEqualTo(versionBefore + 2);
        assertThat(latest("training-contract").getName()).isEqualTo("Contrat de formation");
    }

    @Test
    void stableNameOfAResourceInAFolderAndInANestedJar() {
        assertThat(ModelDeployer.stableName("file:/work/app/target/classes/bpmn/decisions/fees.dmn", "bpmn",
                List.of("file:/work/app/target/classes/bpmn/"))).isEqualTo("bpmn/decisions/fees.dmn");
        assertThat(ModelDeployer.stableName("jar:nested:/srv/app.jar/!BOOT-INF/classes/!/forms/quote-request.form",
                "forms", List.of())).isEqualTo("forms/quote-request.form");
        // a project checked out under a folder itself named bpmn
        assertThat(ModelDeployer.stableName("file:/home/bpmn/app/target/classes/bpmn/training-contract.bpmn", "bpmn",
                List.of("file:/home/bpmn/app/target/classes/bpmn/"))).isEqualTo("bpmn/training-contract.bpmn");
    }

    @Test
    void everyProcessHasAHistoryTimeToLive() {
        List<ProcessDefinition> definitions = repositoryService.createProcessDefinitionQuery().latestVersion().list();
        assertThat(definitions).isNotEmpty();
        assertThat(definitions).allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).isNotNull().isPositive());
    }

    @Test
    void everyFormRefPointsToADeployedForm() {
        ProcessDefinition definition = latest("training-contract");
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());
        List<String> refs = Stream.concat(
                model.getModelElementsByType(StartEvent.class).stream().map(StartEvent::getCamundaFormRef),
                model.getModelElementsByType(UserTask.class).stream().map(UserTask::getCamundaFormRef))
                .filter(ref -> ref != null).toList();
        assertThat(refs).contains("quote-request", "record-signature");
        try (InputStream form = formService.getDeployedStartForm(definition.getId())) {
            assertThat(new String(form.readAllBytes())).contains("\"id\": \"quote-request\"", "Nouveau devis");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> deployed = repositoryService.getDeploymentResourceNames(definition.getDeploymentId());
        assertThat(refs).allSatisfy(ref -> assertThat(deployed).contains("forms/" + ref + ".form"));
    }

    private ProcessDefinition latest(String key) {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
    }

    private static URL jarRoot(Path jar) throws IOException {
        // Spring Boot's layout: classes under BOOT-INF/classes/ inside the jar
        return new URL("jar:" + jar.toUri() + "!/BOOT-INF/classes/");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> isModel(from, f)).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static void writeJar(Path from, Path jar, String prefix) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(from)) {
            for (String dir : List.of("BOOT-INF/", "BOOT-INF/classes/", "BOOT-INF/classes/bpmn/",
                    "BOOT-INF/classes/bpmn/decisions/", "BOOT-INF/classes/forms/")) {
                zip.putNextEntry(new JarEntry(dir));
                zip.closeEntry();
            }
            for (Path file : files.filter(f -> isModel(from, f)).toList()) {
                zip.putNextEntry(new JarEntry(prefix + from.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    private static boolean isModel(Path root, Path file) {
        String relative = root.relativize(file).toString();
        return Files.isRegularFile(file) && (relative.startsWith("bpmn") || relative.startsWith("forms"));
    }
}
