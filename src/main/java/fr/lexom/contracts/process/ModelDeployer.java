package fr.lexom.contracts.process;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the models of {@code bpmn/} and {@code forms/} under stable resource names
 * ({@code bpmn/training-contract.bpmn}, {@code forms/quote-request.form}).
 *
 * <p>The starter's auto-deployment names resources by their location, which is an absolute file path under
 * {@code spring-boot:run} and a bare name in the jar: on one persistent database each switch would create a
 * new version of every unchanged process. Here the name is the path below the classpath root, the same in
 * both, and the deployment is filtered for duplicates: nothing changed, nothing deployed; anything changed,
 * the whole set is deployed together, so {@code formRefBinding="deployment"} always finds its form.
 */
@Component
public class ModelDeployer extends AbstractProcessEnginePlugin {

    public static final String DEPLOYMENT_NAME = "lexom-models";
    static final List<String> PATTERNS = List.of(
            "bpmn/**/*.bpmn", "bpmn/**/*.dmn", "forms/**/*.form");

    private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);

    private final ClassLoader classLoader;

    public ModelDeployer() {
        this(ModelDeployer.class.getClassLoader());
    }

    ModelDeployer(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        deploy(processEngine.getRepositoryService());
    }

    /** Deploys the models if any changed; returns the new deployment, or null when nothing changed. */
    public DeploymentWithDefinitions deploy(RepositoryService repositoryService) {
        Map<String, byte[]> models = findModels();
        if (models.isEmpty()) {
            LOG.warn("No model found under {}", PATTERNS);
            return null;
        }
        DeploymentBuilder builder = repositoryService.createDeployment()
                .name(DEPLOYMENT_NAME)
                .source("lexom-app")
                // false: if one resource changed, redeploy all of them together (consistent formRef binding).
                .enableDuplicateFiltering(false);
        models.forEach((name, content) -> builder.addInputStream(name, new ByteArrayInputStream(content)));
        DeploymentWithDefinitions deployment = builder.deployWithResult();
        // A filtered (unchanged) deployment returns the previous deployment without deployed definitions.
        boolean created = notEmpty(deployment.getDeployedProcessDefinitions())
                || notEmpty(deployment.getDeployedDecisionDefinitions());
        LOG.info("Models {}: {}", created ? "deployed as " + deployment.getId() : "unchanged", models.keySet());
        return created ? deployment : null;
    }

    private static boolean notEmpty(List<?> list) {
        return list != null && !list.isEmpty();
    }

    /** Stable resource name to content, sorted for a deterministic deployment. */
    Map<String, byte[]> findModels() {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
        Map<String, byte[]> models = new TreeMap<>();
        for (String pattern : PATTERNS) {
            String folder = pattern.substring(0, pattern.indexOf('/'));
            List<String> roots = classpathRoots(folder);
            try {
                for (Resource resource : resolver.getResources("classpath*:" + pattern)) {
                    String name = stableName(resource.getURL().toString(), folder, roots);
                    try (InputStream in = resource.getInputStream()) {
                        models.putIfAbsent(name, in.readAllBytes());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read models " + pattern, e);
            }
        }
        return models;
    }

    private List<String> classpathRoots(String folder) {
        try {
            List<String> roots = new ArrayList<>();
            for (URL url : Collections.list(classLoader.getResources(folder))) {
                String root = url.toString();
                roots.add(root.endsWith("/") ? root : root + "/");
            }
            return roots;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The resource's path below its classpath root, e.g. {@code bpmn/decisions/fees.dmn}, whether the root is
     * a folder ({@code file:/.../target/classes/}) or a jar entry ({@code jar:...!/BOOT-INF/classes/!/}).
     */
    static String stableName(String url, String folder, List<String> folderRoots) {
        for (String root : folderRoots) {
            if (url.startsWith(root)) {
                return folder + "/" + url.substring(root.length());
            }
        }
        int entry = url.lastIndexOf("!/");
        String path = entry >= 0 ? url.substring(entry + 2) : url;
        int start = path.lastIndexOf("/" + folder + "/");
        if (path.startsWith(folder + "/")) {
            return path;
        }
        if (start >= 0) {
            return path.substring(start + 1);
        }
        throw new IllegalStateException("Cannot name model " + url + " below " + folder + "/");
    }
}
