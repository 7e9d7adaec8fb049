package dev.telephony.authserver.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database, with the tables this server needs. Spring Authorization Server ships
 * their schema in its jar; it is run at start for each table that is missing, so data
 * survives restarts and an existing database is left alone.
 */
public final class AuthDatabase {

	private static final Logger logger = LoggerFactory.getLogger(AuthDatabase.class);

	private static final String SCHEMAS = "org/springframework/security/oauth2/server/authorization/";

	static final String SIGNING_KEY_TABLE = "auth_signing_key";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final boolean postgres;

	public AuthDatabase(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		Map<String, String> tables = new LinkedHashMap<>();
		tables.put("oauth2_registered_client", read(SCHEMAS + "client/oauth2-registered-client-schema.sql"));
		tables.put("oauth2_authorization", read(SCHEMAS + "oauth2-authorization-schema.sql"));
		tables.put("oauth2_authorization_consent", read(SCHEMAS + "oauth2-authorization-consent-schema.sql"));
		tables.put(SIGNING_KEY_TABLE, """
				CREATE TABLE auth_signing_key (
				    key_id varchar(100) NOT NULL,
				    private_key varchar(4000) NOT NULL,
				    created_at timestamp NOT NULL,
				    PRIMARY KEY (key_id)
				)""");
		this.postgres = isPostgres();
		tables.forEach((table, ddl) -> create(table, this.postgres ? forPostgres(ddl) : ddl));
	}

	public JdbcOperations jdbc() {
		return this.jdbc;
	}

	/**
	 * Runs {@code work} in a transaction that, on PostgreSQL, first locks {@code table}
	 * against writes by other instances, so that a check and an insert are one step. The
	 * embedded H2 database has one process only.
	 */
	void exclusively(String table, Runnable work) {
		this.transactions.executeWithoutResult((status) -> {
			if (this.postgres) {
				this.jdbc.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
			}
			work.run();
		});
	}

	private void create(String table, String ddl) {
		if (exists(table)) {
			return;
		}
		try {
			this.jdbc.execute(withoutComments(ddl));
			logger.info("Created table {}", table);
		}
		catch (RuntimeException ex) {
			// Another instance starting on the same database may have just created it.
			if (!exists(table)) {
				throw ex;
			}
		}
	}

	private boolean exists(String table) {
		Boolean found = this.jdbc.execute((Connection connection) -> {
			DatabaseMetaData metaData = connection.getMetaData();
			// H2 folds unquoted names to upper case, PostgreSQL to lower case.
			for (String name : new String[] { table.toUpperCase(Locale.ROOT), table }) {
				try (ResultSet tables = metaData.getTables(null, null, name, new String[] { "TABLE" })) {
					if (tables.next()) {
						return true;
					}
				}
			}
			return false;
		});
		return Boolean.TRUE.equals(found);
	}

	private boolean isPostgres() {
		String product = this.jdbc
			.execute((Connection connection) -> connection.getMetaData().getDatabaseProductName());
		return "PostgreSQL".equalsIgnoreCase(product);
	}

	/** As the schema files' own comments ask for PostgreSQL. */
	static String forPostgres(String ddl) {
		return ddl.replaceAll("\\bblob\\b", "text").replaceAll("\\btimestamp\\b", "timestamptz");
	}

	private static String withoutComments(String ddl) {
		return ddl.replaceAll("(?s)/\\*.*?\\*/", "").trim().replaceAll(";$", "");
	}

	private static String read(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Spring Authorization Server's schema " + path + " is missing", ex);
		}
	}

}
